const { chromium } = require('playwright');
(async () => {
  const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  const p = await b.newPage({ viewport: { width: 1280, height: 900 } });
  await p.goto('http://127.0.0.1:8795/');
  await p.waitForSelector('.cost-chart');
  // pick the ux-flow-engine preset
  const btn = await p.$('button.presets, [data-act="presets"], button:has-text("Presets")');
  if (btn) { await btn.click(); await p.click('text=AI design tool'); }
  await p.waitForTimeout(800);
  await p.screenshot({ path: '/tmp/w/shot1.png', fullPage: false });
  const bill = await p.$('.bill, .cost-table, table');
  await p.evaluate(() => { const el = [...document.querySelectorAll('h2,h3')].find(h => /bill/i.test(h.textContent)); if (el) el.scrollIntoView(); });
  await p.screenshot({ path: '/tmp/w/shot2.png' });
  await p.evaluate(() => { const el = [...document.querySelectorAll('h2,h3,summary,legend')].find(h => /Monitoring/.test(h.textContent)); if (el) el.scrollIntoView(); });
  await p.screenshot({ path: '/tmp/w/shot3.png' });
  await b.close();
})();
