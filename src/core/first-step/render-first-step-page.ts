import type { Content } from '../content';
import { fillTemplate } from '../fill-template';
import { LOCALES, type Locale } from '../locale/locale';
import type { FirstStepField, FirstStepPage, FirstStepPageId } from './first-step';

/** Where the pages' script and style sheet are served; the pages load nothing else. */
export const FIRST_STEP_ASSETS_PATH = '/first-step/assets';

/** What the page's script needs to build the text: read from a JSON data block, which the CSP lets be (not run). */
export interface FirstStepPageData {
  readonly fields: readonly { readonly id: string; readonly kind: FirstStepField['kind'] }[];
  readonly output: FirstStepPage['output'];
  readonly words: { readonly copied: string; readonly copyFailed: string; readonly listSeparator: string; readonly topPageUrl: string };
}

/**
 * One page (the deletion-request draft or the "what happened" summary) in one locale, as a whole HTML document.
 * Every word comes from the content; the form has no action and the script sends nothing (the router's CSP says
 * `connect-src 'none'; form-action 'none'`), so what a person types stays in their browser.
 */
export function renderFirstStepPage(content: Content, pageId: FirstStepPageId): string {
  const { firstStep } = content;
  const page: FirstStepPage = firstStep[pageId];
  const { common } = firstStep;
  const data: FirstStepPageData = {
    fields: page.fields.map(({ id, kind }) => ({ id, kind })),
    output: page.output,
    words: { copied: common.copied, copyFailed: common.copyFailed, listSeparator: common.listSeparator, topPageUrl: common.topPageUrl },
  };
  const extras = pageId === 'draft' ? [renderPlatforms(content), renderTimeLimits(content)] : [renderDestinations(content), renderChecklist(content)];
  return [
    '<!doctype html>',
    `<html lang="${content.locale}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    // No favicon request: the page needs nothing more from the network once it is loaded.
    '<link rel="icon" href="data:,">',
    `<title>${escape(page.title)}</title>`,
    `<link rel="stylesheet" href="${FIRST_STEP_ASSETS_PATH}/page.css">`,
    `<script src="${FIRST_STEP_ASSETS_PATH}/page.js" defer></script>`,
    '</head>',
    `<body class="page-${pageId}">`,
    '<header>',
    renderLanguages(content, pageId),
    `<h1>${escape(page.title)}</h1>`,
    `<p>${escape(page.intro)}</p>`,
    `<p class="privacy" role="note">${escape(common.privacy)}</p>`,
    '</header>',
    '<main>',
    ...(pageId === 'draft' ? [`<p class="warning" role="note" id="warning">${escape(firstStep.draft.warning)}</p>`] : []),
    // No action and no submit button: pressing Enter does nothing, and nothing is ever posted.
    '<form id="fields" autocomplete="off" novalidate>',
    '<ol class="steps">',
    ...page.fields.map((field) => renderField(field, pageId === 'draft' && (field.id === 'rights' || field.id === 'reason'))),
    '</ol>',
    '</form>',
    '<section class="result" aria-labelledby="result-heading">',
    `<h2 id="result-heading">${escape(common.resultHeading)}</h2>`,
    `<p class="hint" id="result-hint">${escape(common.resultHint)}</p>`,
    `<textarea id="result" rows="12" readonly aria-labelledby="result-heading" aria-describedby="result-hint"></textarea>`,
    '<div class="actions">',
    `<button type="button" id="copy">${escape(common.copy)}</button>`,
    `<button type="button" id="print" class="secondary">${escape(common.print)}</button>`,
    '</div>',
    '<p id="status" class="status" role="status" aria-live="polite"></p>',
    `<p class="hint">${escape(common.printHint)}</p>`,
    '</section>',
    ...extras,
    '<section id="letter" class="letter" aria-labelledby="letter-heading">',
    `<h2 id="letter-heading">${escape(common.letterHeading)}</h2>`,
    '<div id="letter-body" class="letter-body"></div>',
    '</section>',
    '</main>',
    `<script type="application/json" id="page-data">${toScriptJson(data)}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The same page in the other languages, as links (the page's own language marked as current). */
function renderLanguages(content: Content, pageId: FirstStepPageId): string {
  const links = LOCALES.map((locale: Locale) => {
    const name = escape(content.languages.languages[locale].name);
    return locale === content.locale
      ? `<li><a href="?lang=${locale}" aria-current="page" lang="${locale}">${name}</a></li>`
      : `<li><a href="/first-step/${pageId}?lang=${locale}" lang="${locale}">${name}</a></li>`;
  });
  return `<nav class="languages" aria-label="${escape(content.firstStep.common.languages)}"><ul>${links.join('')}</ul></nav>`;
}

/** One step: its number, label and hint tied to the box for screen readers; a warning mark where it applies. */
function renderField(field: FirstStepField, warned: boolean): string {
  const inputId = `field-${field.id}`;
  const hintId = `${inputId}-hint`;
  const describedBy = warned ? `${hintId} warning` : hintId;
  if (field.kind === 'choices') {
    const choices = field.choices.map(
      (choice) =>
        `<li><label class="choice"><input type="checkbox" name="${field.id}" value="${choice.id}" data-text="${escape(choice.text)}"> <span>${escape(choice.label)}</span></label></li>`,
    );
    return [
      `<li class="step">`,
      `<fieldset id="${inputId}" aria-describedby="${describedBy}">`,
      `<legend>${escape(field.label)}</legend>`,
      `<p class="hint" id="${hintId}">${escape(field.hint)}</p>`,
      `<ul class="choices">${choices.join('')}</ul>`,
      '</fieldset>',
      '</li>',
    ].join('\n');
  }
  const box =
    field.kind === 'textarea'
      ? `<textarea id="${inputId}" name="${field.id}" rows="4" aria-describedby="${describedBy}"></textarea>`
      : `<input id="${inputId}" name="${field.id}" type="${field.kind === 'url' ? 'url' : 'text'}"${field.kind === 'url' ? ' inputmode="url"' : ''} aria-describedby="${describedBy}">`;
  return [
    `<li class="step">`,
    `<label for="${inputId}">${escape(field.label)}</label>`,
    `<p class="hint" id="${hintId}">${escape(field.hint)}</p>`,
    box,
    // Filled by the script when a URL box holds a site's top page; read out as it appears.
    ...(field.kind === 'url' ? [`<p class="field-warning" id="${inputId}-check" role="status" aria-live="polite"></p>`] : []),
    '</li>',
  ].join('\n');
}

/** Where to send the draft: the services' own request pages (designated first), the law's duty and the providers. */
function renderPlatforms(content: Content): string {
  const { draft, common } = content.firstStep;
  const { designatedPlatforms: designated, platforms } = content;
  const pages = [...platforms.services].sort((a, b) => Number(b.provider !== undefined) - Number(a.provider !== undefined));
  const providers = designated.providers.map((provider) => {
    const since = provider.designatedOn
      ? fillTemplate(draft.designatedOn, { date: provider.designatedOn })
      : fillTemplate(draft.listedOn, { date: provider.listedOn ?? '' });
    return `<li><span class="services">${escape(provider.services.join(common.listSeparator))}</span> <span class="muted">(${escape(provider.name)}・${escape(since)})</span></li>`;
  });
  return [
    '<section class="platforms" aria-labelledby="platforms-heading">',
    `<h2 id="platforms-heading">${escape(draft.platformsHeading)}</h2>`,
    `<p>${escape(draft.platformsIntro)}</p>`,
    `<ul class="links">${pages.map((page) => `<li><a class="button-link" href="${escape(page.url)}" rel="noopener noreferrer" target="_blank">${escape(page.label)}</a></li>`).join('')}</ul>`,
    `<p class="duty">${escape(designated.duty.text)}</p>`,
    renderSources(content, designated.duty.source, designated.duty.verifiedAt),
    `<h3>${escape(draft.providersHeading)}</h3>`,
    `<p class="muted">${escape(designated.law.title)}</p>`,
    `<ul class="providers">${providers.join('')}</ul>`,
    `<p class="hint">${escape(draft.noPage)}</p>`,
    '</section>',
  ].join('\n');
}

/** 「早めに」: each limit with its sources, and that this is information, not legal advice. */
export function renderTimeLimits(content: Content): string {
  const { timeLimits } = content;
  return [
    '<section class="time-limits" aria-labelledby="time-limits-heading">',
    `<h2 id="time-limits-heading">${escape(timeLimits.title)}</h2>`,
    `<p>${escape(timeLimits.intro)}</p>`,
    '<ul>',
    ...timeLimits.items.map((item) => `<li>${escape(item.text)} ${renderSources(content, item.source)}</li>`),
    '</ul>',
    `<p class="note" role="note">${escape(timeLimits.note)}</p>`,
    renderSources(content, '', timeLimits.verifiedAt),
    '</section>',
  ].join('\n');
}

/** The windows whose forms take the summary, each with its first link. */
function renderDestinations(content: Content): string {
  const { summary } = content.firstStep;
  const items = summary.destinations.flatMap((id) => {
    const agency = content.agencies.get(id);
    const link = agency?.links[0];
    if (!agency || !link) return [];
    const name = agency.nameNote ? `${agency.name}（${agency.nameNote}）` : agency.name;
    return [`<li><a class="button-link" href="${escape(link.url)}" rel="noopener noreferrer" target="_blank">${escape(name)}: ${escape(link.label)}</a></li>`];
  });
  return [
    '<section class="destinations" aria-labelledby="destinations-heading">',
    `<h2 id="destinations-heading">${escape(summary.destinationsHeading)}</h2>`,
    `<p>${escape(summary.destinationsIntro)}</p>`,
    `<ul class="links">${items.join('')}</ul>`,
    '</section>',
  ].join('\n');
}

/** 「証拠の残し方」 beside the summary, from the same data as the evidence card. */
function renderChecklist(content: Content): string {
  const { evidence } = content;
  return [
    '<section class="checklist" aria-labelledby="checklist-heading">',
    `<h2 id="checklist-heading">${escape(content.firstStep.summary.checklistHeading)}</h2>`,
    `<p>${escape(evidence.intro)}</p>`,
    `<ol>${evidence.steps.map((step) => `<li>${escape(step.text)}</li>`).join('')}</ol>`,
    `<p class="warning">${escape(evidence.warning.text)}</p>`,
    '</section>',
  ].join('\n');
}

/** "出典: soumu.go.jp, city.daito.lg.jp ・ 情報確認日: 2026-12-05": each public page of a `source` field as a link. */
function renderSources(content: Content, source: string, verifiedAt?: string): string {
  const { common } = content.firstStep;
  const urls = [...source.matchAll(/https:\/\/[^\s;()"]+/g)].map((match) => match[0]);
  const links = urls.map((url) => `<a href="${escape(url)}" rel="noopener noreferrer" target="_blank">${escape(new URL(url).hostname)}</a>`);
  const parts = [
    ...(links.length > 0 ? [`${escape(common.source)}: ${links.join(', ')}`] : []),
    ...(verifiedAt ? [escape(fillTemplate(common.verifiedAt, { date: verifiedAt }))] : []),
  ];
  return `<small class="sources">${parts.join(' ・ ')}</small>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON safe inside a <script> element: no "</script>" or "<!--" can end it early. */
function toScriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
