/**
 * What the words around a name say about it. Kept as word lists, so a reviewer can see (and
 * extend) what counts as a title or as the head of a longer name.
 */

/** Words that announce a person: "President Hamid Karzai", "Mullah Baradar", "envoy Khalilzad". */
export const PERSON_TITLES = new Set([
  'president', 'ex-president', 'former', 'late', 'mr', 'mrs', 'ms', 'dr', 'gen', 'general', 'lt', 'col', 'colonel',
  'maj', 'major', 'adm', 'admiral', 'minister', 'premier', 'mullah', 'mulla', 'maulvi', 'mawlawi', 'maulana', 'mufti',
  'sheikh', 'shaikh', 'qari', 'hafiz', 'haji', 'hajji', 'commander', 'envoy', 'spokesman', 'spokeswoman',
  'spokesperson', 'ambassador', 'senator', 'secretary', 'governor', 'chief', 'leader', 'emir', 'amir', 'sir',
  'professor', 'prof', 'judge', 'marshal', 'sen', 'rep', 'director', 'deputy', 'analyst', 'researcher', 'executive',
  'chairman', 'chairwoman', 'chair', 'captain', 'capt', 'sergeant', 'sgt', 'corporal', 'cpl', 'private', 'pvt',
  // The short titles of South Asian headlines: "FM Muttaqi", "PM Sharif", "EAM Jaishankar".
  'fm', 'pm', 'dpm', 'eam', 'cm',
]);

/**
 * Capitalised nouns that, right after a name, make a longer name of something else: the "Kunar
 * River" is not the province, "Kabul Bank" not the city. Longer names in the dataset ("Kabul
 * University") win before this is asked.
 */
export const NAME_HEADS = new Set([
  'river', 'valley', 'bank', 'times', 'monitor', 'airlines', 'airways', 'hotel', 'street', 'road', 'square',
  'stadium', 'club', 'party', 'league', 'company', 'corporation', 'corp', 'inc', 'ltd', 'foundation', 'fund',
  'institute', 'college', 'school', 'academy', 'hospital', 'clinic', 'radio', 'tv', 'television', 'news', 'post',
  'press', 'daily', 'weekly', 'magazine', 'journal', 'dam', 'pass', 'bridge', 'highway', 'district', 'city',
  'county', 'state', 'mountains', 'lake', 'gardens', 'park', 'palace', 'tower', 'towers', 'mall', 'market', 'bazaar',
  'cricket', 'football', 'team', 'festival', 'prize', 'award', 'declaration', 'accord', 'accords', 'doctrine',
  'syndrome', 'museum', 'library', 'gallery', 'cinema', 'theatre', 'theater', 'mosque', 'church', 'temple', 'shrine',
  'survey', 'debates', 'forum', 'university', 'examiner', 'herald', 'tribune', 'gazette', 'chronicle', 'telegraph',
  'observer', 'inquirer', 'courier', 'dispatch', 'sentinel',
]);

/**
 * The Persian and Urdu joiners of compound names ("Tehreek-i-Taliban", "Jamiat-ul-Ulema"): a name
 * right after "-i-" is the tail of a longer name, whatever that name is.
 */
const COMPOUND_JOINERS = new Set(['e', 'i', 'ul']);

export function isCompoundJoiner(word: string): boolean {
  return COMPOUND_JOINERS.has(word.toLowerCase());
}

/** Words that start sentences; before a surname they are not a first name ("Then Khan left"). */
const SENTENCE_STARTERS = new Set([
  'a', 'an', 'the', 'and', 'but', 'or', 'so', 'then', 'now', 'when', 'while', 'after', 'before', 'since', 'as', 'if',
  'though', 'although', 'because', 'yesterday', 'today', 'tomorrow', 'meanwhile', 'later', 'earlier', 'still', 'yet',
  'in', 'on', 'at', 'by', 'for', 'from', 'with', 'without', 'to', 'of', 'asked', 'says', 'said', 'here', 'there', 'where',
  'why', 'how', 'what', 'who', 'whom', 'whose', 'that', 'this', 'these', 'those', 'his', 'her', 'their', 'our', 'my',
  'also', 'even', 'only', 'both', 'neither', 'nor', 'once', 'twice', 'again', 'instead', 'indeed', 'however',
  'until', 'unless', 'despite', 'during', 'unlike', 'following', 'amid', 'amidst', 'under', 'whether', 'upon',
  'like', 'according', 'against', 'within', 'across', 'through', 'between', 'among', 'toward', 'towards', 'over',
  'into', 'about', 'around', 'behind', 'beyond', 'near', 'inside', 'outside', 'besides', 'thus', 'hence',
  'whereas', 'perhaps', 'not', 'never', 'should', 'would', 'could', 'will', 'can', 'did', 'does', 'do', 'was',
  'were', 'is', 'are', 'has', 'had', 'have', 'let', 'every', 'each', 'all', 'some', 'many', 'most', 'no',
  // Imperatives open a pointer to more: "See Kirby's tweet", "Read Muttaqi's statement".
  'see', 'read', 'watch', 'listen', 'follow', 'click',
  // Days and months open sentences too: "On Monday Stanikzai left", "In January Haqqani travelled".
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march',
  'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
]);

export function isSentenceStarter(word: string): boolean {
  const lower = word.toLowerCase();
  // "Welcoming Muttaqi", "Meeting Baradar": a verb in -ing opens the sentence, no first name does.
  return SENTENCE_STARTERS.has(lower) || (lower.length > 5 && lower.endsWith('ing'));
}

export function isPersonTitle(word: string): boolean {
  if (word.length > 14) return false;
  return PERSON_TITLES.has((word.endsWith('.') ? word.slice(0, -1) : word).toLowerCase());
}

/**
 * Words after which a name shared by a person and a place means the place: "fighting in Wardak",
 * "across Kunar". ("From", "to" and "near" go as well with people: "a letter from Wardak".)
 */
const PLACE_PREPOSITIONS = new Set(['in', 'across', 'throughout', 'inside']);

export function isPlacePreposition(word: string): boolean {
  return PLACE_PREPOSITIONS.has(word.toLowerCase());
}

/** Nouns that say a place is meant: "the region of Khorasan", "the city of Herat", "the Khorasan region". */
const PLACE_NOUNS = new Set(['region', 'city', 'town', 'village', 'district', 'province', 'valley', 'area', 'regions', 'cities', 'towns', 'villages', 'districts', 'provinces', 'areas']);

export function isPlaceNoun(word: string): boolean {
  return PLACE_NOUNS.has(word.toLowerCase());
}

/** Words after a family name that make it a tribe's or a clan's: "the Mehsud tribe", "Zadran tribesmen". */
const KIN_GROUP_NOUNS = new Set(['tribe', 'tribes', 'tribesmen', 'tribal', 'clan', 'clans']);

export function isKinGroupNoun(word: string): boolean {
  return KIN_GROUP_NOUNS.has(word);
}

export function isNameHead(word: string): boolean {
  return NAME_HEADS.has(word.toLowerCase());
}

/** Words shorter than this ("of", "the", "in") are not capitalised even in Title Case. */
export const TITLE_CASE_WORD = 4;

/**
 * A headline in Title Case capitalises ordinary words, so capitals there prove nothing. Takes the
 * first letter of each word of at least TITLE_CASE_WORD letters.
 */
export function isTitleCase(firstLetters: readonly string[]): boolean {
  let cased = 0;
  let capitalised = 0;
  for (const letter of firstLetters) {
    const lower = letter.toLowerCase();
    if (lower === letter.toUpperCase()) continue; // a digit, or a script without case
    cased++;
    if (letter !== lower) capitalised++;
  }
  return cased >= 4 && capitalised / cased >= 0.8;
}
