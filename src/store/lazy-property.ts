/**
 * Defines an enumerable property computed on first read and then kept as a plain value (an
 * assignment replaces it too). Stored personal data is decrypted this way, so only what a
 * caller reads costs a decryption; spreading or serializing the object reads everything.
 */
export function lazy<T>(target: object, key: string, compute: () => T): void {
  const settle = (value: unknown): void => {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  };
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      settle(value);
      return value;
    },
    set: settle,
  });
}
