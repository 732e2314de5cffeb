// The first-step pages (deletion-request draft, "what happened" summary): builds the text from what the person
// types, in their browser only. Nothing here talks to the network or stores anything (no fetch, no storage, no
// cookies; the page's CSP forbids connections and form posts anyway). Every word comes from the page's data block.
'use strict';

(function () {
  const data = JSON.parse(document.getElementById('page-data').textContent);
  const form = document.getElementById('fields');
  const result = document.getElementById('result');
  const letterBody = document.getElementById('letter-body');
  const status = document.getElementById('status');

  /** The value of one field: trimmed text, or the chosen boxes' words joined. */
  function valueOf(field) {
    if (field.kind === 'choices') {
      const boxes = form.querySelectorAll('input[type="checkbox"][name="' + field.id + '"]:checked');
      return Array.prototype.map.call(boxes, (box) => box.dataset.text).join(data.words.listSeparator);
    }
    const box = form.elements.namedItem(field.id);
    return box ? box.value.trim() : '';
  }

  /** The produced text: title, opening, one 【heading】 and value per filled field, closing. */
  function buildText() {
    const out = data.output;
    const blocks = [out.title];
    if (out.opening) blocks.push(out.opening);
    for (const field of data.fields) {
      const value = valueOf(field);
      if (value) blocks.push('【' + out.sections[field.id] + '】\n' + value);
    }
    if (out.closing) blocks.push(out.closing);
    return blocks.join('\n\n');
  }

  function today() {
    try {
      return new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: 'long' }).format(new Date());
    } catch {
      return new Date().toISOString().slice(0, 10);
    }
  }

  /** The letter for printing: the date, then the same text, paragraph by paragraph (text nodes only). */
  function renderLetter(text) {
    letterBody.replaceChildren();
    const date = document.createElement('p');
    date.className = 'letter-date';
    date.textContent = today();
    letterBody.append(date);
    text.split('\n\n').forEach((block, index) => {
      const node = document.createElement(index === 0 ? 'h3' : 'p');
      node.textContent = block;
      letterBody.append(node);
    });
  }

  /** The old way: copies the selection; false where the browser refuses. */
  function copyBySelection() {
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }

  /** A site's top page (no path, query or fragment) names no post: the request would be refused. */
  function isTopPage(value) {
    try {
      const url = new window.URL(value);
      return (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash;
    } catch {
      return false;
    }
  }

  function checkUrls() {
    for (const field of data.fields) {
      if (field.kind !== 'url') continue;
      const note = document.getElementById('field-' + field.id + '-check');
      const text = isTopPage(valueOf(field)) ? data.words.topPageUrl : '';
      if (note && note.textContent !== text) note.textContent = text;
    }
  }

  function update() {
    checkUrls();
    const text = buildText();
    result.value = text;
    renderLetter(text);
    status.textContent = '';
  }

  async function copy() {
    update();
    try {
      await navigator.clipboard.writeText(result.value);
      status.textContent = data.words.copied;
    } catch {
      // LINE's in-app browser may refuse the clipboard API; selecting the text lets the person copy it by hand.
      result.focus();
      result.select();
      status.textContent = copyBySelection() ? data.words.copied : data.words.copyFailed;
    }
  }

  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('submit', (event) => event.preventDefault());
  document.getElementById('copy').addEventListener('click', copy);
  document.getElementById('print').addEventListener('click', () => {
    update();
    window.print();
  });
  update();
})();
