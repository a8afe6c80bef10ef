import fs from 'node:fs';
import path from 'node:path';

/** The folder holding package.json, whether running from src/ under tsx or from dist/. */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export function demoConfigPath(): string {
  return path.join(projectRoot(), 'demo', 'customer-graph.yml');
}
