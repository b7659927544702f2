import { describe, expect, it } from 'vitest';
import { findMatches } from '../../lib/matcher/findMatches';
import { tinyMatcher } from './tinyDataset';

const matcher = tinyMatcher();

function found(text: string): string[] {
  return findMatches(matcher, text).map((match) => text.slice(match.start, match.end));
}

function entitiesFound(text: string): string[][] {
  return findMatches(matcher, text).map((match) =>
    match.aliases.map((alias) => matcher.index.entities[matcher.index.aliases[alias]!.entity]!.id),
  );
}

describe('findMatches', () => {
  it('prefers the longest name and resumes after it', () => {
    expect(found('Flights left Hamid Karzai International Airport today.')).toEqual(['Hamid Karzai International Airport']);
    expect(found('Students at Kabul University and in Kabul.')).toEqual(['Kabul University', 'Kabul']);
  });

  it('respects word boundaries in Latin, Cyrillic and Arabic script', () => {
    expect(found('Kabulistan is not a place; nor is Talibanism.')).toEqual([]);
    expect(found('Встреча в Москва прошла.')).toEqual(['Москва']);
    expect(found('در کابل امروز')).toEqual(['کابل']);
    expect(found('درکابلی')).toEqual([]);
  });

  it('matches possessives, hyphen and spacing variants and diacritics', () => {
    expect(found("The Taliban's statement")).toEqual(['Taliban']);
    expect(found('Lydia Khalil’s view')).toEqual(['Lydia Khalil']);
    expect(found('Dasht-e Barchi and Dasht e Barchi')).toEqual(['Dasht-e Barchi', 'Dasht e Barchi']);
    expect(found('in Kābul')).toEqual(['Kābul']);
    expect(found('ISIS–K and IS-K')).toEqual(['ISIS–K', 'IS-K']);
    expect(found('Taliban-led and U.S.-backed')).toEqual(['Taliban', 'U.S.']);
  });

  it('leaves the tail of a hyphenated compound name alone, with the capitalised words that go on from it', () => {
    // A spelling the dataset lacks: neither "Taliban" nor a following "Kabul" is meant.
    expect(found('Tahreek-i-Taliban Kabul struck again; the Taliban denied it.')).toEqual(['Taliban']);
    expect(found('Jamiat-ul-Taliban said so.')).toEqual([]);
    // Hyphens alone do not make a compound: "Taliban-led", "pro-Taliban".
    expect(found('A pro-Taliban and Taliban-led council')).toEqual(['Taliban', 'Taliban']);
  });

  it('keeps punctuation that belongs to the name', () => {
    expect(found('U.S. forces left.')).toEqual(['U.S.']);
    expect(found('the U.S.-led coalition')).toEqual(['U.S.']);
    // …but a dot does not hide the head noun of a longer name that goes on from it.
    expect(found('the quake was measured by the U.S. Geological Survey')).toEqual([]);
    expect(found('he later taught at the U.S. Military Academy in the north')).toEqual([]);
    expect(found('sanctions from the U.S. Treasury were lifted')).toEqual(['U.S.']);
    expect(found('Mazar-i-Sharif and Mazar-e-Sharif')).toEqual(['Mazar-i-Sharif', 'Mazar-e-Sharif']);
  });

  it('takes a one-letter initial without its dot, but not single letters without the dots of an acronym', () => {
    expect(found('External affairs minister S Jaishankar met him; S. Jaishankar left.')).toEqual(['S Jaishankar', 'S. Jaishankar']);
    expect(found('U S troops')).toEqual([]);
  });

  it('does not join words across sentence punctuation', () => {
    expect(found('They reached Kabul. University staff fled.')).toEqual(['Kabul']);
    expect(found('Kabul, University')).toEqual(['Kabul']);
  });

  it('applies exact-case rules to acronyms', () => {
    expect(found('The US and ISK')).toEqual(['US', 'ISK']);
    expect(found('let us ask isk')).toEqual([]);
    expect(found('WHAT IS NEXT FOR US TROOPS')).toEqual([]);
    // Capitals next to another name are two acronyms, not a shouted headline.
    expect(found('The US, ISK and HKIA')).toEqual(['US', 'ISK', 'HKIA']);
    expect(found('US HKIA staff')).toEqual(['US', 'HKIA']);
    expect(found('WHO IS MOST AT RISK')).toEqual([]);
  });

  it('needs a capital where the name has one', () => {
    expect(found('the taliban and daesh')).toEqual([]);
    expect(found('TALIBAN TAKE KABUL')).toEqual(['TALIBAN', 'KABUL']);
    expect(found('fighters of al-Qaeda and Al-Qaeda')).toEqual(['al-Qaeda', 'Al-Qaeda']);
  });

  it('skips names that start a sentence when the alias says so', () => {
    expect(found('Resolute Support ended in 2021.')).toEqual([]);
    expect(found('The mission, Resolute Support, ended.')).toEqual(['Resolute Support']);
  });

  it('ignores names inside addresses', () => {
    expect(found('See https://kabul.example.org/Taliban or mail press@Taliban.af')).toEqual([]);
    expect(found('visit www.Kabul-news.com today')).toEqual([]);
  });

  it('lets a stop phrase swallow a name it contains', () => {
    expect(found('Migrants from Latin America and from America')).toEqual(['America']);
    expect(found('Kabul Bank collapsed in Kabul')).toEqual(['Kabul']);
    // A university named after its city is not the city: "a professor at Herat University".
    expect(found('a professor at Herat University and in Herat')).toEqual(['Herat']);
    // Unless the head noun starts a name of its own.
    expect(found('the Kabul State Department office')).toEqual(['Kabul', 'State Department']);
  });

  it('keeps a slash only where the name has one', () => {
    expect(found('After 9/11 the war began; children aged 9-11 and 9 / 11')).toEqual(['9/11', '9 / 11']);
  });

  it('leaves the people named in credits alone, but not the places', () => {
    const text = 'Karzai spoke in Kabul. (Reporting by Lydia Khalil in Kabul; Writing by Hamid Karzai)';
    expect(entitiesFound(text)).toEqual([['hamid-karzai'], ['kabul'], ['kabul']]);
    expect(found('Photo: Lydia Khalil/AFP via Getty Images')).toEqual([]);
    expect(found('— Lydia Khalil (@lkhalil) August 15, 2021')).toEqual([]);
    // The credit ends with the names: the next sentence is the story again.
    expect(found('Editing by Lydia Khalil. Hamid Karzai was not available.')).toEqual(['Hamid Karzai']);
    // Prose about reporting is not a credit.
    expect(found('according to reporting by Lydia Khalil, the talks failed')).toEqual(['Lydia Khalil']);
  });

  it('reports every entity a shared name could mean', () => {
    expect(entitiesFound('near Hamid Karzai on Thursday')).toEqual([['hamid-karzai', 'hkia']]);
  });

  it("takes a person's own surname after a shorter form of their name into the name", () => {
    expect(found('Khalil ur-Rahman Haqqani spoke')).toEqual(['Khalil ur-Rahman Haqqani']);
    // Only the same person's surname: Khalil's is not Lydia's.
    expect(found('Lydia Khalil Haqqani')).toEqual(['Lydia Khalil', 'Haqqani']);
  });

  it('takes a city name for its province where the text calls it one', () => {
    expect(entitiesFound('Fighting in Herat spread.')).toEqual([['herat']]);
    expect(entitiesFound('Floods hit Herat province and the province of Herat again.')).toEqual([['herat-province'], ['herat-province']]);
    expect(entitiesFound('the Herat, Kunar and Kabul provinces; the provinces of Kunar and Herat')).toEqual([
      ['herat-province'],
      ['kunar'],
      ['kabul'],
      ['kunar'],
      ['herat-province'],
    ]);
    expect(findMatches(matcher, 'the province of Herat')[0]!.asProvince).toBe(true);
    // A governor governs the province.
    expect(entitiesFound("the governor of Herat; Herat's governor; the Herat provincial governor")).toEqual([
      ['herat-province'],
      ['herat-province'],
      ['herat-province'],
    ]);
    // A list needs the plural: only the last name is called a province here.
    expect(entitiesFound('safe houses in Herat and Kunar province')).toEqual([['herat'], ['kunar']]);
    expect(entitiesFound('safe houses in Kunar and Herat province')).toEqual([['kunar'], ['herat-province']]);
  });

  it('maps offsets to the original text exactly', () => {
    const text = 'Attack near Hamid\u00a0Karzai Inter\u00adnational\u200b Airport';
    const [match] = findMatches(matcher, text);
    expect(text.slice(match!.start, match!.end)).toBe('Hamid\u00a0Karzai Inter\u00adnational\u200b Airport');
  });
});
