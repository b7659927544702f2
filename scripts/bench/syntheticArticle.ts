import type { EntityRecord } from '../../lib/dataset/compiled';
import type { EntityType } from '../../lib/dataset/schema';
import { pick, seededRandom } from './stats';

/**
 * News pages of any size for the benchmark: a masthead, a headline, sections of paragraphs with
 * links and bold text, quotes, captions and lists, with the dataset's names at roughly the density
 * of real coverage (one every ~150 characters), each group of paragraphs about a few related
 * entities, named in full before their short forms, as reporters write.
 */

export interface SyntheticArticle {
  html: string;
  /** Characters of text written into the page's text nodes. */
  textLength: number;
  namesWritten: number;
}

/** The element the frame-cost benchmark changes: in the masthead, far from the article's names. */
export const TICKER_ID = 'bench-ticker';

interface NameForms {
  full: string[];
  /** Forms the resolver only links once the page has named the entity in full ("Karzai"). */
  short: string[];
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function nameForms(record: EntityRecord): NameForms {
  const full = [record.name];
  const short: string[] = [];
  for (const alias of record.aliases) {
    if (typeof alias === 'string') full.push(alias);
    // Names in other scripts are rare in English coverage; short forms need their full name first.
    else if (!alias.lang && alias.requires === 'fullName') short.push(alias.text);
    else if (!alias.lang && !alias.requires) full.push(alias.text);
  }
  return { full, short };
}

const DAYS = ['on Monday', 'on Tuesday', 'on Wednesday', 'on Thursday', 'on Friday', 'at the weekend', 'last week', 'this month', 'overnight'];
const SUBJECTS = [
  'officials', 'residents', 'aid workers', 'diplomats', 'local elders', 'security forces', 'witnesses', 'analysts',
  'the ministry', 'a spokesman', 'negotiators', 'the provincial council', 'several families', 'human rights groups',
];
const VERBS = [
  'warned that', 'said that', 'confirmed that', 'denied reports that', 'acknowledged that', 'argued that',
  'estimated that', 'cautioned that', 'insisted that', 'noted that',
];
const CLAUSES = [
  'the roads south of the city had been closed for most of the day',
  'prices for flour and cooking oil had nearly doubled since the spring',
  'the talks would resume only after the prisoners were released',
  'hundreds of people were still waiting for news of their relatives',
  'the security situation in the districts had deteriorated sharply',
  'no group had yet claimed responsibility for the attack',
  'schools for older girls remained closed despite repeated promises',
  'the winter would be harder than any in the past decade',
  'funding for the programme was due to run out within weeks',
  'the checkpoints had been moved closer to the main market',
  'the ceasefire was holding, although sporadic fighting continued',
  'the new rules were being enforced unevenly from one province to the next',
  'remittances from relatives abroad had dried up almost entirely',
  'the hospital was treating more patients than it had beds for',
  'the border crossing had reopened after a week of negotiations',
  'the decision had been taken without consulting the tribal leaders',
];
const TAILS = [
  'according to people familiar with the discussions', 'in a statement released late in the evening',
  'speaking on condition of anonymity', 'in an interview with reporters', 'citing figures that could not be verified',
  'before the meeting ended without agreement', 'as the first convoys left the capital',
];
const LINK_TEXTS = ['read more', 'full coverage', 'the report', 'a statement', 'the latest figures', 'our explainer'];
const SUBHEADS = [
  'A fragile calm', 'What happened next', 'Pressure from abroad', 'Life under the new rules', 'The road to the talks',
  'Counting the cost', 'Who is in charge', 'A long history', 'What comes next', 'Voices from the ground',
];

const SENTENCE_TEMPLATES: Record<EntityType, ((name: string, r: () => number) => string)[]> = {
  person: [
    (n, r) => `${n} ${pick(r, VERBS)} ${pick(r, CLAUSES)}.`,
    (n, r) => `In remarks ${pick(r, DAYS)}, ${n} ${pick(r, VERBS)} ${pick(r, CLAUSES)}.`,
    (n, r) => `"We have been here before," ${n} told reporters, adding that ${pick(r, CLAUSES)}.`,
  ],
  organization: [
    (n, r) => `A report by ${n} found that ${pick(r, CLAUSES)}.`,
    (n, r) => `Officials from ${n} said ${pick(r, DAYS)} that ${pick(r, CLAUSES)}.`,
    (n, r) => `The statement from ${n} came as ${pick(r, SUBJECTS)} ${pick(r, VERBS)} ${pick(r, CLAUSES)}.`,
  ],
  place: [
    (n, r) => `In ${n}, ${pick(r, SUBJECTS)} ${pick(r, VERBS)} ${pick(r, CLAUSES)}.`,
    (n, r) => `Reports from ${n} suggested that ${pick(r, CLAUSES)}, ${pick(r, TAILS)}.`,
    (n, r) => `The situation around ${n} has changed since ${pick(r, DAYS).replace('on ', '')}, ${pick(r, SUBJECTS)} said.`,
  ],
  event: [
    (n, r) => `Since the ${n}, ${pick(r, SUBJECTS)} ${pick(r, VERBS)} ${pick(r, CLAUSES)}.`,
    (n, r) => `Memories of the ${n} still shape how ${pick(r, SUBJECTS)} see the conflict.`,
    (n, r) => `The ${n} was a turning point, ${pick(r, SUBJECTS)} ${pick(r, VERBS).replace(' that', '')}.`,
  ],
};

const fillerSentence = (r: () => number) =>
  `${capitalize(pick(r, SUBJECTS))} ${pick(r, VERBS)} ${pick(r, CLAUSES)}, ${pick(r, TAILS)}.`;

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Events are written "the 2021 Kabul airport bombing"; their names already carry the article. */
const withoutArticle = (name: string) => name.replace(/^the /i, '');

export function syntheticArticle(records: readonly EntityRecord[], targetChars: number, seed = 1): SyntheticArticle {
  const random = seededRandom(seed);
  const byId = new Map(records.map((record) => [record.id, record]));
  const forms = new Map(records.map((record) => [record.id, nameForms(record)]));
  let textLength = 0;
  let namesWritten = 0;
  const out: string[] = [];
  /** Appends markup; `text` is how many characters of it are text, for the size target. */
  const write = (markup: string, text: string) => {
    out.push(markup);
    textLength += text.length;
  };

  /** A name as the page shows it: linked, bold, or plain; now and then split across two tags. */
  const writeName = (record: EntityRecord, introduced: Set<string>): { markup: string; text: string } => {
    const { full, short } = forms.get(record.id)!;
    const useShort = introduced.has(record.id) && short.length > 0 && random() < 0.5;
    let name = useShort ? pick(random, short) : random() < 0.7 ? record.name : pick(random, full);
    if (record.type === 'event') name = withoutArticle(name);
    introduced.add(record.id);
    namesWritten++;
    const escaped = escapeHtml(name);
    const roll = random();
    const words = escaped.split(' ');
    if (roll < 0.2) return { markup: `<a href="/topics/${record.id}">${escaped}</a>`, text: name };
    if (roll < 0.28) return { markup: `<b>${escaped}</b>`, text: name };
    if (roll < 0.31 && words.length > 1) return { markup: `<b>${words[0]}</b> ${words.slice(1).join(' ')}`, text: name };
    return { markup: escaped, text: name };
  };

  /** A paragraph of 3–6 sentences, about every other one naming an entity of the section's cast. */
  const paragraph = (cast: EntityRecord[], introduced: Set<string>): { markup: string; text: string } => {
    const markup: string[] = [];
    const text: string[] = [];
    const sentences = 3 + Math.floor(random() * 4);
    for (let s = 0; s < sentences; s++) {
      if (random() < 0.72) {
        const record = pick(random, cast);
        const name = writeName(record, introduced);
        const template = pick(random, SENTENCE_TEMPLATES[record.type]);
        // The template is filled with a placeholder so the name's markup is not escaped with the prose.
        const sentence = template('\u0000', random);
        const [before, after] = sentence.split('\u0000') as [string, string];
        markup.push(`${escapeHtml(capitalize(before))}${name.markup}${escapeHtml(after)}`);
        text.push(`${capitalize(before)}${name.text}${after}`);
      } else {
        const sentence = fillerSentence(random);
        if (random() < 0.15) {
          const link = pick(random, LINK_TEXTS);
          markup.push(`${escapeHtml(sentence)} (<a href="/more">${link}</a>)`);
          text.push(`${sentence} (${link})`);
        } else if (random() < 0.1) {
          markup.push(`<em>${escapeHtml(sentence)}</em>`);
          text.push(sentence);
        } else {
          markup.push(escapeHtml(sentence));
          text.push(sentence);
        }
      }
    }
    return { markup: markup.join(' '), text: text.join(' ') };
  };

  /** A section's cast: one entity and the entities its record relates it to, as a story would. */
  const castFor = (): EntityRecord[] => {
    const lead = pick(random, records);
    const related = lead.related.map((link) => byId.get(link.id)).filter((record) => record !== undefined);
    const cast = [lead, ...related.slice(0, 5)];
    while (cast.length < 4) cast.push(pick(random, records));
    return cast;
  };

  const headline = 'What the latest fighting means for Afghanistan';
  write(
    `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${headline}</title>\n<style>
  body { font: 18px/1.6 Georgia, serif; color: #222; background: #fbfaf7; margin: 0; }
  header.masthead { background: #1d2733; color: #fff; padding: 10px 24px; font: 600 15px system-ui, sans-serif; }
  header.masthead nav a { color: #cfd8e3; margin-right: 14px; }
  #${TICKER_ID} { display: inline-block; padding: 0 6px; }
  #${TICKER_ID}.flash { background: #3a4a5c; }
  main { max-width: 720px; margin: 0 auto; padding: 24px; }
  figure { margin: 24px 0; padding: 16px; background: #eee9df; }
  blockquote { border-left: 4px solid #c9b89a; margin: 20px 0; padding: 4px 16px; font-style: italic; }
</style>\n</head>\n<body>\n`,
    '',
  );
  write(
    `<header class="masthead"><nav aria-label="Sections"><a href="/world">World</a><a href="/asia">Asia</a><a href="/opinion">Opinion</a></nav> <span id="${TICKER_ID}">Live</span></header>\n`,
    'WorldAsiaOpinion Live',
  );
  write(`<main>\n<article>\n<h1>${headline}</h1>\n`, headline);
  const standfirst = 'Analysts say the country faces its hardest year since the fall of the republic.';
  write(`<p class="standfirst">${standfirst}</p>\n<p class="byline">By our correspondent · 28 August 2025</p>\n`, `${standfirst}By our correspondent · 28 August 2025`);

  while (textLength < targetChars) {
    const cast = castFor();
    const introduced = new Set<string>();
    const subhead = pick(random, SUBHEADS);
    write(`<h2>${subhead}</h2>\n`, subhead);
    const paragraphs = 3 + Math.floor(random() * 5);
    for (let p = 0; p < paragraphs && textLength < targetChars; p++) {
      const { markup, text } = paragraph(cast, introduced);
      const roll = random();
      if (roll < 0.06) write(`<blockquote><p>${markup}</p></blockquote>\n`, text);
      else if (roll < 0.1) write(`<figure><div class="photo"></div><figcaption>${markup}</figcaption></figure>\n`, text);
      else write(`<p>${markup}</p>\n`, text);
    }
    if (random() < 0.15) {
      const items = cast.slice(0, 3).map((record) => writeName(record, introduced));
      write(`<ul>${items.map((item) => `<li>${item.markup}</li>`).join('')}</ul>\n`, items.map((item) => item.text).join(''));
    }
  }
  write('</article>\n</main>\n<footer><p>© Example News. All rights reserved.</p></footer>\n</body>\n</html>\n', '© Example News. All rights reserved.');
  return { html: out.join(''), textLength, namesWritten };
}

/** `count` paragraphs of a synthetic article, as markup to append to a page that is already read. */
export function syntheticParagraphs(records: readonly EntityRecord[], count: number, seed = 7): { html: string; textLength: number } {
  const paragraphs = [...syntheticArticle(records, count * 600, seed).html.matchAll(/<p>([\s\S]*?)<\/p>/g)].slice(0, count);
  if (paragraphs.length < count) throw new Error(`asked for ${count} paragraphs, the article had ${paragraphs.length}`);
  return {
    html: paragraphs.map((match) => match[0]).join('\n'),
    textLength: paragraphs.reduce((sum, match) => sum + match[1]!.replace(/<[^>]+>/g, '').length, 0),
  };
}
