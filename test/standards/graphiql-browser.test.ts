import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../support/databases';
import { useDemoServer } from '../support/demo-server';
import { postGraphql } from '../support/graphql-client';

/**
 * GraphiQL in a real browser: Debian's chromium, headless, driven by playwright-core. `.ci/run`
 * installs chromium when it is missing, so under CI=true this never skips; elsewhere a machine
 * without chromium skips it with a notice.
 */
const CHROMIUM = '/usr/bin/chromium';
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
const available = fs.existsSync(CHROMIUM);
if (!available && !IN_CI) console.warn(`GraphiQL browser test skipped: ${CHROMIUM} is missing (apt-get install chromium)`);

const QUERY = '{ customers(first: 2) { totalCount edges { node { id givenName } } } }';

describeEachDialect('GraphiQL in a browser', (dialect) => {
  // As under `npm start`: requests without credentials act as steward.
  const demo = useDemoServer(dialect, { anonymousRole: 'steward' });
  let browser: Browser;

  beforeAll(async () => {
    if (!available && !IN_CI) return;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.skipIf(!available && !IN_CI)('opens /graphql, runs a query and shows its result', async () => {
    const expected = await postGraphql(demo.server.url, QUERY);
    const firstId: string = expected.data.customers.edges[0].node.id;
    const page = await browser.newPage();
    const failedRequests: string[] = [];
    page.on('requestfailed', (request) => failedRequests.push(request.url()));
    await page.goto(demo.server.url);
    const editor = page.locator('.graphiql-query-editor .CodeMirror').first();
    await editor.waitFor({ timeout: 20_000 });
    // GraphiQL 3's editor is CodeMirror 5: set the text through its API, then run it the way a user does.
    await page.evaluate(`document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(${JSON.stringify(QUERY)})`);
    await page.locator('button.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await expect.poll(async () => result.innerText(), { timeout: 20_000 }).toContain(firstId);
    const text = await result.innerText();
    expect(text).toContain(`"totalCount": ${expected.data.customers.totalCount}`);
    expect(failedRequests).toEqual([]);
    await page.close();
  });
});
