// @ts-check
/** What LINE shows beside a message: its time, and under the person's own words the read mark (既読). */

import { h } from './element.js';
import { previewTime } from './time-control.js';

export function renderReadMark() {
  return h('span', { class: 'msg__meta' }, h('span', { class: 'msg__read' }, '既読'), renderTime());
}

/** @param {HTMLElement} bubble */
export function withTime(bubble) {
  return h('div', { class: 'msg__line' }, bubble, h('span', { class: 'msg__meta' }, renderTime()));
}

/** The time under a message: the instant the bot answers at, so a 時刻を指定 of 23:30 reads 23:30 (Japan time). */
function renderTime() {
  const at = previewTime();
  const now = at ? new Date(Date.parse(at)) : new Date();
  const shown = at ? new Date(now.getTime() + 9 * 60 * 60_000) : now;
  const [hours, minutes] = at ? [shown.getUTCHours(), shown.getUTCMinutes()] : [shown.getHours(), shown.getMinutes()];
  return h('time', { class: 'msg__time', datetime: now.toISOString() }, `${hours}:${String(minutes).padStart(2, '0')}`);
}
