import { describe, expect, it } from 'vitest';
import { annotateTexts } from '../../lib/annotate/annotateBlocks';
import { tinyMatcher } from './tinyDataset';

const matcher = tinyMatcher();

function linked(...paragraphs: string[]) {
  return annotateTexts(matcher, paragraphs).mentions.map((m) => [m.text, m.entity.id]);
}

function unmarked(...paragraphs: string[]) {
  return annotateTexts(matcher, paragraphs).unmarked;
}

describe('one page, one meaning', () => {
  it('links a surname to the person named in full on the page', () => {
    expect(linked('Lydia Khalil studies extremism.', 'Khalil said more attacks would come.')).toEqual([
      ['Lydia Khalil', 'lydia-khalil'],
      ['Khalil', 'lydia-khalil'],
    ]);
  });

  it('leaves a surname unmarked when nobody of that name is named in full', () => {
    expect(linked('Khalil said more attacks would come.')).toEqual([]);
    expect(unmarked('Khalil said more attacks would come.')[0]?.reason).toMatch(/never names it in full/);
  });

  it('never shows the wrong Khalil: the full name on the page decides', () => {
    expect(linked('The minister Khalil Haqqani was killed in Kabul.', 'Khalil had returned from Doha.')).toEqual([
      ['Khalil Haqqani', 'khalil-haqqani'],
      ['Kabul', 'kabul'],
      ['Khalil', 'khalil-haqqani'],
    ]);
  });

  it('prefers the nearest full name before a shared surname', () => {
    const mentions = linked(
      'Sirajuddin Haqqani spoke first.',
      'Then Khalil Haqqani arrived.',
      'Haqqani thanked the crowd.',
    );
    expect(mentions.at(-1)).toEqual(['Haqqani', 'khalil-haqqani']);
  });

  it('decides an ambiguous name by a fuller mention of one reading', () => {
    expect(
      linked('Crowds gathered at Hamid Karzai International Airport.', 'Rockets landed near Hamid Karzai.'),
    ).toEqual([
      ['Hamid Karzai International Airport', 'hkia'],
      ['Hamid Karzai', 'hkia'],
    ]);
  });

  it("falls back to the name's own bearer when the page gives no other evidence", () => {
    expect(linked('Former president Hamid Karzai stayed in the city.', 'Karzai met elders.')).toEqual([
      ['Hamid Karzai', 'hamid-karzai'],
      ['Karzai', 'hamid-karzai'],
    ]);
  });

  it('marks context-bound names only when related names are on the page', () => {
    expect(linked('The IS flag flew.')).toEqual([]);
    expect(linked('ISIS-K grew out of the IS movement in Khorasan.')).toEqual([
      ['ISIS-K', 'isis-k'],
      ['IS', 'islamic-state'],
      ['Khorasan', 'khorasan'],
    ]);
    expect(linked('The Haqqanis met.')).toEqual([]);
    expect(linked('The Taliban and the Haqqanis met.')).toEqual([
      ['Taliban', 'taliban'],
      ['Haqqanis', 'haqqani-network'],
    ]);
  });

  it('lets a title before a shared name pick the person', () => {
    expect(linked('Flights left Hamid Karzai International Airport.', 'Later, President Hamid Karzai spoke.')).toEqual([
      ['Hamid Karzai International Airport', 'hkia'],
      ['Hamid Karzai', 'hamid-karzai'],
    ]);
  });

  it('lets a word of place before a name shared with a person pick the place', () => {
    expect(
      linked('Defence minister Abdul Rahim Wardak met donors.', 'Fighting in Wardak closed roads; across Wardak, schools shut.', 'Wardak said the army would hold.'),
    ).toEqual([
      ['Abdul Rahim Wardak', 'abdul-rahim-wardak'],
      ['Wardak', 'wardak-province'],
      ['Wardak', 'wardak-province'],
      // The place named by its preposition is no full name for the bare surname after it.
      ['Wardak', 'abdul-rahim-wardak'],
    ]);
    expect(linked('Abdul Rahim Wardak spoke.', 'The villages of Wardak emptied.', 'The Wardak area is calm.')).toEqual([
      ['Abdul Rahim Wardak', 'abdul-rahim-wardak'],
      ['Wardak', 'wardak-province'],
      ['Wardak', 'wardak-province'],
    ]);
    // A possessive after it is the person's: "in Wardak's time".
    expect(linked('Abdul Rahim Wardak led the ministry.', "Much changed in Wardak's time.")).toEqual([
      ['Abdul Rahim Wardak', 'abdul-rahim-wardak'],
      ['Wardak', 'abdul-rahim-wardak'],
    ]);
  });

  it('does not read a name on into the next line of plain text', () => {
    // "Khalil\nThe" is a headline's end and a paragraph's start, not someone called "Khalil The".
    expect(linked('Lydia Khalil wrote the report.\nIt was praised by Khalil\nThe minister agreed.')).toEqual([
      ['Lydia Khalil', 'lydia-khalil'],
      ['Khalil', 'lydia-khalil'],
    ]);
    expect(linked('Lydia Khalil wrote the report.\nIt was praised by Khalil The minister agreed.')).toEqual([['Lydia Khalil', 'lydia-khalil']]);
  });

  it("treats a person's context-bound name inside a longer one as someone else's", () => {
    expect(linked('The Taliban were founded by Mohammad Omar.')).toEqual([
      ['Taliban', 'taliban'],
      ['Mohammad Omar', 'mullah-omar'],
    ]);
    // "Mohammad Omar Daudzai" is another man, who then also answers to "Mohammad Omar".
    expect(linked('Mohammad Omar Daudzai, a former minister, criticised the Taliban over their policies.', 'Mohammad Omar replied.')).toEqual([['Taliban', 'taliban']]);
  });

  it('takes a name an explainer calls a region for the region', () => {
    expect(linked('ISIS-K took its name from Khorasan, a historical region; “Khorasan” refers to a region, and ISIS-K to the group.')).toEqual([
      ['ISIS-K', 'isis-k'],
      ['Khorasan', 'khorasan'],
      ['Khorasan', 'khorasan'],
      ['ISIS-K', 'isis-k'],
    ]);
  });

  it("does not take a place's name before a short form for part of a longer name", () => {
    expect(linked('Lydia Khalil wrote.', 'Our analyst for Kabul Khalil said more.')).toEqual([
      ['Lydia Khalil', 'lydia-khalil'],
      ['Kabul', 'kabul'],
      ['Khalil', 'lydia-khalil'],
    ]);
  });

  it('does not take an imperative that opens a sentence for a first name', () => {
    expect(linked('Lydia Khalil wrote.', "See Khalil's tweet: it says more.")).toEqual([
      ['Lydia Khalil', 'lydia-khalil'],
      ['Khalil', 'lydia-khalil'],
    ]);
  });

  it('takes a surname before "tribe" or "clan" for the tribe, not the person', () => {
    expect(linked('Sirajuddin Haqqani spoke.', 'Elders of the Haqqani tribe met; Haqqani later left.')).toEqual([
      ['Sirajuddin Haqqani', 'sirajuddin-haqqani'],
      ['Haqqani', 'sirajuddin-haqqani'],
    ]);
  });

  it("does not take a body's short form inside a longer unknown name for a second bearer of it", () => {
    expect(linked('The UN Security Council met.', 'Its 1988 Security Council Committee listed him.', 'The Security Council agreed.')).toEqual([
      ['UN Security Council', 'un-security-council'],
      ['Security Council', 'un-security-council'],
    ]);
  });

  it("leaves a short form alone when someone else on the page bears it", () => {
    expect(
      linked('Khalil Rahimi sells phone credit in Kabul.', 'He is no relation of the minister Khalil Haqqani.', 'Khalil says trade is slow.'),
    ).toEqual([
      ['Kabul', 'kabul'],
      ['Khalil Haqqani', 'khalil-haqqani'],
    ]);
    expect(unmarked('Khalil Rahimi sells phone credit.', 'Khalil Haqqani was a minister.', 'Khalil says trade is slow.').map((u) => u.reason)).toEqual([
      'part of a longer name the dataset does not hold',
      expect.stringMatching(/someone else on the page is also called "Khalil"/),
    ]);
  });

  it('does not take a surname out of a longer name, but keeps titles and sentence starters', () => {
    expect(linked('Lydia Khalil wrote.', 'Mahmoud Khalil disagreed.')).toEqual([['Lydia Khalil', 'lydia-khalil']]);
    expect(linked('Lydia Khalil wrote.', 'Then Khalil added more; Dr Khalil agreed.')).toEqual([
      ['Lydia Khalil', 'lydia-khalil'],
      ['Khalil', 'lydia-khalil'],
      ['Khalil', 'lydia-khalil'],
    ]);
    // Prepositions and auxiliaries that open a sentence are no first names either.
    expect(linked('Lydia Khalil wrote.', 'Welcoming Khalil, the host spoke. FM Khalil agreed.')).toEqual([
      ['Lydia Khalil', 'lydia-khalil'],
      ['Khalil', 'lydia-khalil'],
      ['Khalil', 'lydia-khalil'],
    ]);
    expect(linked('Lydia Khalil wrote.', 'On Monday Khalil left.')).toEqual([
      ['Lydia Khalil', 'lydia-khalil'],
      ['Khalil', 'lydia-khalil'],
    ]);
    expect(linked('Lydia Khalil wrote.', 'Until Khalil spoke, nobody knew. Despite Khalil, it went ahead.')).toEqual([
      ['Lydia Khalil', 'lydia-khalil'],
      ['Khalil', 'lydia-khalil'],
      ['Khalil', 'lydia-khalil'],
    ]);
  });

  it('links a short form that needs its full name or context where either is on the page, never inside another name', () => {
    expect(linked('The Security Council met.')).toEqual([]);
    expect(linked('The US asked the Security Council to meet.')).toEqual([
      ['US', 'united-states'],
      ['Security Council', 'un-security-council'],
    ]);
    expect(linked('The UN Security Council met; the Security Council agreed.').map(([, id]) => id)).toEqual(['un-security-council', 'un-security-council']);
    expect(linked('The US National Security Council met.')).toEqual([['US', 'united-states']]);
  });

  it('does not mark a name that begins a longer name of something else', () => {
    expect(linked('Lorries queued along the Kunar River for hours while reporters from the Kabul Times waited nearby.')).toEqual([]);
    expect(linked('Aid reached Kabul on Monday.')).toEqual([['Kabul', 'kabul']]);
    // The head noun may come a few capitalised words later.
    expect(linked('The quake was 40km from Kabul, the US Geological Survey said.')).toEqual([['Kabul', 'kabul']]);
  });

  it('explains every decision', () => {
    const { mentions } = annotateTexts(matcher, ['Lydia Khalil wrote.', 'Khalil added.']);
    expect(mentions.map((m) => m.reason)).toEqual(['unambiguous name', expect.stringMatching(/named in full/)]);
    expect(annotateTexts(matcher, ['the province of Herat']).mentions.map((m) => m.reason)).toEqual(['the text calls it a province']);
    // A shared name decided by the page is not "named in full before it" by itself.
    const [shared] = annotateTexts(matcher, ['Hamid Karzai said so.']).mentions;
    expect(shared!.reason).toMatch(/^shared name; /);
    expect(shared!.reason).not.toMatch(/before it/);
  });
});
