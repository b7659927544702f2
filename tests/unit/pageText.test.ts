import { describe, expect, it } from 'vitest';
import { annotateDocumentBody, annotatePlainText } from '../../lib/annotate/documentMentions';
import { collectTextBlocks, rangeForBlockSpan } from '../../lib/page/textBlocks';
import { tinyMatcher } from './tinyDataset';

const matcher = tinyMatcher();

function page(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

describe('reading the page', () => {
  it('joins inline elements into one passage, so a split name is one mention', () => {
    const doc = page('<p><b>Hamid</b> <a href="#">Karzai</a> International Airport</p><p>Kabul</p>');
    const blocks = collectTextBlocks(doc.body);
    expect(blocks.map((block) => block.text)).toEqual(['Hamid Karzai International Airport', 'Kabul']);
    const range = rangeForBlockSpan(doc, blocks[0]!, 0, 34);
    expect(range.toString()).toBe('Hamid Karzai International Airport');
  });

  it('keeps block elements and line breaks apart', () => {
    const doc = page('<div>Kabul<div>University</div></div><p>Kabul<br>University</p>');
    expect(collectTextBlocks(doc.body).map((block) => block.text)).toEqual(['Kabul', 'University', 'Kabul', 'University']);
  });

  it('never reads code, forms, editors, menus, consent banners or its own UI', () => {
    const doc = page(`
      <nav><a>Taliban</a></nav>
      <div id="cookie-banner">Kabul cookies</div>
      <pre>Kabul</pre><code>Taliban</code>
      <textarea>Kabul</textarea><input value="Kabul">
      <div contenteditable="true">Kabul draft</div>
      <div data-backstory-ui>Kabul card</div>
      <script>var Kabul = 1;</script>
      <p>Article about <i>Kabul</i>.</p>
      <figure><figcaption>Kabul at dusk</figcaption></figure>
      <header><h1>Taliban return</h1></header>`);
    expect(collectTextBlocks(doc.body).map((block) => block.text.trim())).toEqual([
      'Article about Kabul.',
      'Kabul at dusk',
      'Taliban return',
    ]);
  });

  it('gives CLI offsets into the body text, skipped text included', () => {
    const doc = page('<p>Code <code>x</code> then <b>Kabul</b> and Lydia <i>Khalil</i>.</p><p>Khalil again.</p>');
    const { mentions } = annotateDocumentBody(matcher, doc);
    const text = doc.body.textContent!;
    expect(mentions.map((m) => [m.text, text.slice(m.start, m.end), m.entity.id])).toEqual([
      ['Kabul', 'Kabul', 'kabul'],
      ['Lydia Khalil', 'Lydia Khalil', 'lydia-khalil'],
      ['Khalil', 'Khalil', 'lydia-khalil'],
    ]);
  });

  it('reads plain text paragraph by paragraph with offsets into the file', () => {
    const text = 'Title about Kabul\n\nThe Taliban\nentered Kabul.\n\n  Lydia Khalil spoke.';
    const { mentions } = annotatePlainText(matcher, text);
    expect(mentions.map((m) => text.slice(m.start, m.end))).toEqual(['Kabul', 'Taliban', 'Kabul', 'Lydia Khalil']);
  });

  it('takes each line of plain text for a paragraph, unless the text is hard-wrapped', () => {
    // One paragraph per line: the headline is read as the Title Case line it is, where "Khalil
    // Warns" is no one's longer name.
    const lines = 'Khalil Warns Of New Attacks On Kabul\nLydia Khalil, an analyst, said more attacks would come.';
    expect(annotatePlainText(matcher, lines).mentions.map((m) => [m.start, m.text, m.entity.id])).toEqual([
      [0, 'Khalil', 'lydia-khalil'],
      [31, 'Kabul', 'kabul'],
      [37, 'Lydia Khalil', 'lydia-khalil'],
    ]);
    const wrapped = [
      'When the mission ended, the officers of Resolute Support handed the',
      'last base near Kabul to the army and flew home within the same week,',
      'and the ministers of the government spoke of a new era for the country',
      'while the Taliban advanced on the provincial capitals one after another.',
    ].join('\n');
    expect(annotatePlainText(matcher, wrapped).mentions.map((m) => m.text)).toEqual(['Resolute Support', 'Kabul', 'Taliban']);
  });
});
