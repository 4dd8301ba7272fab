// The clinic's day in a real browser: sign in, enter a case, read the opinion, answer, review, switch language, keyboard only, page weight.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, hasChromium, RESULTS, startHarness } from './browser.ts';

describe.skipIf(!hasChromium)('barefoot in Chromium', { timeout: 60_000 }, () => {
  let h: Harness;
  let page: Page;
  const requests: string[] = [];
  const problems: string[] = [];
  let opinionUrl = '';

  const watch = (p: Page) => {
    p.on('request', (r: Request) => requests.push(r.url()));
    // Console errors include CSP violations (an inline script or style would show here).
    p.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    p.on('pageerror', (e) => problems.push(e.message));
    p.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
  };
  /** Every element with its own text, whose colour against its nearest painted background falls below WCAG AA. */
  const lowContrast = (p: Page) => p.evaluate(() => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => { const f = (v: number) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
    const bgOf = (e: Element | null): number[] => {
      for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.length === 3 || (c[3] ?? 0) > 0.5) return c.slice(0, 3); }
      return [255, 255, 255];
    };
    const bad: string[] = [];
    for (const e of document.querySelectorAll('body *')) {
      const own = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim());
      const s = getComputedStyle(e);
      if (!own || s.visibility === 'hidden' || s.display === 'none' || (e as HTMLElement).offsetParent === null || e.matches('input, textarea, select, option')) continue;
      const [a, b] = [lum(rgb(s.color)), lum(bgOf(e))];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      const large = parseFloat(s.fontSize) >= 24 || (parseFloat(s.fontSize) >= 18.66 && Number(s.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) bad.push(`${e.tagName}.${e.className} "${e.textContent!.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
    }
    return bad;
  });
  const shot = async (p: Page, name: string, width: number) => {
    expect(await lowContrast(p), `contrast on ${name}`).toEqual([]);
    await p.setViewportSize({ width, height: width < 500 ? 740 : 900 });
    await p.screenshot({ path: path.join(RESULTS, `${name}-${width}.png`), fullPage: true });
    // What a phone shows first, at a size that can be read when looked at.
    if (width < 500) await p.screenshot({ path: path.join(RESULTS, `${name}-${width}-top.png`) });
    // Nothing may be wider than the screen (tables scroll inside their own box).
    const wide = await p.evaluate((w) => [...document.querySelectorAll('body *')].filter((e) => !e.closest('.scroll') && e.getBoundingClientRect().right > w + 1).map((e) => e.tagName + (e.id ? `#${e.id}` : '')), width);
    expect(wide, `${name} at ${width}px`).toEqual([]);
  };

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    h = await startHarness();
    page = await h.context.newPage();
    watch(page);
  }, 60_000);
  afterAll(async () => { await h?.close(); });

  it('signs in through the login page and lands on the entry form', async () => {
    await page.goto(`${h.base}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await shot(page, 'login', 360);
    await page.getByLabel('Username').fill(h.username);
    await page.getByLabel('Password').fill(h.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${h.base}/`);
    await expect(page.locator('h1').textContent()).resolves.toBe('New assessment');
  });

  it('enters a case with the note, vitals, a checklist tick and a searched finding, showing understood findings as you type', async () => {
    await page.locator('input[name=age]').fill('34');
    await page.locator('select[name=sex]').selectOption('female');
    await page.locator('#text').pressSequentially('productive cough and fever for 3 days, no chest pain', { delay: 5 });
    // The note's findings appear as chips under the box, with the status in words.
    const chips = page.locator('#understood .chip');
    await expect.poll(() => chips.allTextContents(), { timeout: 10_000 }).toEqual(expect.arrayContaining([expect.stringContaining('Productive cough'), expect.stringContaining('Chest pain')]));
    expect(await page.locator('#understood .chip.s-absent').textContent()).toContain('absent');
    await page.locator('input[name=temp]').fill('38.9');
    await page.locator('input[name=hr]').fill('112');
    await page.locator('input[name=rr]').fill('28');
    await page.locator('input[name=spo2]').fill('93');
    // A value out of the plausible range is marked before anything is sent.
    await page.locator('input[name=hr]').fill('400');
    expect(await page.locator('input[name=hr]').evaluate((e: HTMLInputElement) => e.validity.rangeOverflow)).toBe(true);
    await page.locator('input[name=hr]').fill('112');
    await page.locator('input[name=f][value=shortness-of-breath]').check();
    await page.locator('input[name=absent][value=headache]').check();
    // The finding search adds a finding not on the checklist.
    await page.locator('#finder-q').pressSequentially('runny', { delay: 20 });
    await page.locator('#finder-list li[role=option]').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#chosen .chip').count()).toBe(1);
    for (const w of [360, 1280]) await shot(page, 'entry', w);
    await page.locator('#submit').click();
    await page.waitForURL(/\/assessments\/[0-9a-f-]{36}$/);
    opinionUrl = page.url();
  });

  it('shows the opinion with triage first in colour and words, the differential with bars, and highlighted findings', async () => {
    const first = await page.locator('main > section').first().getAttribute('class');
    expect(first).toMatch(/^triage triage-(red|yellow|green)$/);
    expect(await page.locator('.triage .level').textContent()).toMatch(/EMERGENCY|URGENT|ROUTINE|SELF-CARE/);
    expect(await page.locator('.triage .ticon').textContent()).toBeTruthy();
    expect(await page.locator('ol.ddx > li').count()).toBeGreaterThan(0);
    expect(await page.locator('ol.ddx progress.bar').count()).toBe(await page.locator('ol.ddx > li').count());
    expect(await page.locator('mark.f-present').allTextContents()).toContain('productive cough');
    expect(await page.locator('mark.f-absent').allTextContents()).toContain('chest pain');
    expect(await page.locator('.vitals-list li.abn').count()).toBeGreaterThan(0);
    const text = await page.locator('main').textContent();
    expect(text).toContain('Runny nose');
    for (const w of [360, 1280]) await shot(page, 'opinion', w);
    await page.emulateMedia({ media: 'print' });
    await shot(page, 'opinion-print', 1280);
    await page.emulateMedia({ media: 'screen' });
  });

  it('answers a suggested question and shows the new version', async () => {
    const q = page.locator('form.questions fieldset').first();
    await q.getByLabel('Yes').check();
    await page.getByRole('button', { name: 'Update the opinion with these answers' }).click();
    await page.waitForURL((u) => u.href !== opinionUrl && /\/assessments\/[0-9a-f-]{36}$/.test(u.pathname));
    expect(await page.locator('#history tr.current td').first().textContent()).toContain('2');
    opinionUrl = page.url();
  });

  it('records a clinician review beside the opinion', async () => {
    await page.locator('form.review input[name=choice]').first().check();
    await page.locator('form.review select[name=disposition]').selectOption('treat-follow-up');
    await page.locator('#review-note').fill('Examined; plan agreed.');
    await page.getByRole('button', { name: 'Save review' }).click();
    await page.waitForURL(/#reviews$/);
    expect(await page.locator('ul.reviews').textContent()).toContain('Treated here, follow-up arranged');
  });

  it('switches to 中文 and back, on the same page', async () => {
    await page.getByRole('link', { name: /中文/ }).click();
    await page.waitForLoadState();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('h1').textContent()).toBe('辅助意见');
    expect(await page.locator('.triage .level').textContent()).toMatch(/紧急|尽快|常规|居家护理/);
    for (const w of [360, 1280]) await shot(page, 'opinion-zh', w);
    await page.goto(`${h.base}/`);
    expect(await page.locator('h1').textContent()).toBe('新建评估');
    await shot(page, 'entry-zh', 360);
    await page.getByRole('link', { name: /English/ }).click();
    await page.waitForLoadState();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('New assessment');
  });

  it('reaches the submit button by keyboard alone, with the focus visible', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${h.base}/`);
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    let reached = false;
    for (let i = 0; i < 250 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.id === 'submit');
    }
    expect(reached).toBe(true);
    const style = await page.locator('#submit').evaluate((e) => { const s = getComputedStyle(e); return { outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow }; });
    expect(style.outline).not.toBe('none');
    expect(style.width).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: path.join(RESULTS, 'focus-submit-1280.png') });
  });

  it('works with JavaScript off: the same form posts and the opinion comes back', async () => {
    const p = await h.context.newPage();
    watch(p);
    const cdp = await h.context.newCDPSession(p);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    await p.goto(`${h.base}/`);
    expect(await p.locator('#finder').isHidden()).toBe(true);
    await p.locator('input[name=age]').fill('6');
    await p.locator('#text').fill('fever and cough, no diarrhoea');
    await p.locator('input[name=absent][value=headache]').check();
    await p.locator('#submit').click();
    await p.waitForURL(/\/assessments\/[0-9a-f-]{36}$/);
    expect(await p.locator('.triage .level').textContent()).toBeTruthy();
    expect(await p.locator('main').textContent()).toContain('Headache');
    await p.close();
  });

  it('keeps every page under 100 KB of HTML, CSS and JavaScript, with nothing from another host', async () => {
    // Bytes over the wire (headers and compressed bodies) of the page's HTML, CSS and JavaScript, with the browser cache off.
    const weigh = async (url: string) => {
      const p = await h.context.newPage();
      watch(p);
      const cdp = await h.context.newCDPSession(p);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      const kinds = new Map<string, string>();
      let total = 0;
      cdp.on('Network.responseReceived', (e) => { kinds.set(e.requestId, e.type); });
      cdp.on('Network.loadingFinished', (e) => { if (['Document', 'Stylesheet', 'Script'].includes(kinds.get(e.requestId) ?? '')) total += e.encodedDataLength; });
      await p.goto(url, { waitUntil: 'networkidle' });
      await p.close();
      return total;
    };
    const weights = { letter: await weigh(`${opinionUrl}/letter`), entry: await weigh(`${h.base}/`), opinion: await weigh(opinionUrl), cases: await weigh(`${h.base}/cases`) };
    console.log('page weight (bytes over the wire, HTML+CSS+JS):', JSON.stringify(weights));
    for (const [name, bytes] of Object.entries(weights)) expect(bytes, name).toBeLessThan(100 * 1024);
    const foreign = requests.filter((u) => !u.startsWith('data:') && new URL(u).host !== h.host);
    expect(foreign).toEqual([]);
    expect(problems).toEqual([]);
  });
});
