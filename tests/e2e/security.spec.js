// The page's Content Security Policy forbids inline script: the app starts from files only
// (public/start.js), and script that finds its way into the page — an injected <script>, an
// event-handler attribute, a javascript: link — does not run.
const { test, expect } = require('@playwright/test');
const { open } = require('./helpers');

test('the policy allows no inline script, and the app starts without any', async ({ page }) => {
  await open(page);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  const scriptSrc = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
  expect(scriptSrc).toBe("script-src 'self' 'wasm-unsafe-eval'");
  // Every script of the page is a file.
  const inline = await page.evaluate(() => [...document.scripts].filter((s) => !s.src).length);
  expect(inline).toBe(0);
});

test('an injected inline script, event handler or javascript: link does not run', async ({ page }) => {
  await open(page);
  const violations = await page.evaluate(async () => {
    const seen = [];
    document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
    const script = document.createElement('script');
    script.textContent = 'window.__ran = "script"';
    document.body.append(script);

    const button = document.createElement('button');
    button.setAttribute('onclick', 'window.__ran = "handler"');
    document.body.append(button);
    button.click();

    const link = document.createElement('a');
    link.href = 'javascript:window.__ran = "link"';
    document.body.append(link);
    link.click();

    // Violation reports are queued as tasks: let them arrive.
    await new Promise((resolve) => setTimeout(resolve, 200));
    return seen;
  });
  expect(await page.evaluate(() => window.__ran)).toBeUndefined();
  expect(violations.length, violations.join(', ')).toBeGreaterThanOrEqual(3);
  for (const directive of violations) expect(directive).toMatch(/^script-src/);
});
