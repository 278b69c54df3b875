/**
 * Vocabulary of the synthetic catalog: TMDB's real movie genre ids, languages, countries and
 * word lists for titles, people and overviews. Everything here is invented except the genre ids,
 * ISO codes and country/language names, which follow the real APIs so parsers see real values.
 */

/** TMDB's movie genres with their real ids (GET /genre/movie/list). */
export const TMDB_GENRES: readonly { id: number; name: string }[] = [
  { id: 28, name: 'Action' },
  { id: 12, name: 'Adventure' },
  { id: 16, name: 'Animation' },
  { id: 35, name: 'Comedy' },
  { id: 80, name: 'Crime' },
  { id: 99, name: 'Documentary' },
  { id: 18, name: 'Drama' },
  { id: 10751, name: 'Family' },
  { id: 14, name: 'Fantasy' },
  { id: 36, name: 'History' },
  { id: 27, name: 'Horror' },
  { id: 10402, name: 'Music' },
  { id: 9648, name: 'Mystery' },
  { id: 10749, name: 'Romance' },
  { id: 878, name: 'Science Fiction' },
  { id: 10770, name: 'TV Movie' },
  { id: 53, name: 'Thriller' },
  { id: 10752, name: 'War' },
  { id: 37, name: 'Western' },
];

/** Relative frequency of each genre (drama and comedy dominate real catalogs). */
export const GENRE_WEIGHTS: readonly (readonly [number, number])[] = [
  [18, 30], [35, 22], [53, 12], [28, 12], [10749, 10], [27, 9], [80, 8], [99, 7], [12, 7],
  [878, 6], [14, 5], [10751, 5], [16, 5], [9648, 5], [36, 3], [10402, 3], [10752, 2], [37, 2], [10770, 2],
];

export interface Language {
  iso: string;
  /** Native name as TMDB spells it (the Russian one starts with a Latin "P", as in real data). */
  name: string;
  englishName: string;
  weight: number;
}

export const LANGUAGES: readonly Language[] = [
  { iso: 'en', name: 'English', englishName: 'English', weight: 62 },
  { iso: 'fr', name: 'Français', englishName: 'French', weight: 7 },
  { iso: 'es', name: 'Español', englishName: 'Spanish', weight: 6 },
  { iso: 'ja', name: '日本語', englishName: 'Japanese', weight: 5 },
  { iso: 'ko', name: '한국어/조선말', englishName: 'Korean', weight: 4 },
  { iso: 'de', name: 'Deutsch', englishName: 'German', weight: 4 },
  { iso: 'it', name: 'Italiano', englishName: 'Italian', weight: 3 },
  { iso: 'hi', name: 'हिन्दी', englishName: 'Hindi', weight: 3 },
  { iso: 'zh', name: '普通话', englishName: 'Mandarin', weight: 2 },
  { iso: 'ru', name: 'Pусский', englishName: 'Russian', weight: 2 },
  { iso: 'sv', name: 'svenska', englishName: 'Swedish', weight: 1 },
  { iso: 'pt', name: 'Português', englishName: 'Portuguese', weight: 1 },
];

/** Country of production per language, with TMDB's country names. */
export const COUNTRY_BY_LANGUAGE: Record<string, { iso_3166_1: string; name: string }> = {
  en: { iso_3166_1: 'US', name: 'United States of America' },
  fr: { iso_3166_1: 'FR', name: 'France' },
  es: { iso_3166_1: 'ES', name: 'Spain' },
  ja: { iso_3166_1: 'JP', name: 'Japan' },
  ko: { iso_3166_1: 'KR', name: 'South Korea' },
  de: { iso_3166_1: 'DE', name: 'Germany' },
  it: { iso_3166_1: 'IT', name: 'Italy' },
  hi: { iso_3166_1: 'IN', name: 'India' },
  zh: { iso_3166_1: 'CN', name: 'China' },
  ru: { iso_3166_1: 'RU', name: 'Russia' },
  sv: { iso_3166_1: 'SE', name: 'Sweden' },
  pt: { iso_3166_1: 'BR', name: 'Brazil' },
};

export const EXTRA_COUNTRIES: readonly { iso_3166_1: string; name: string }[] = [
  { iso_3166_1: 'GB', name: 'United Kingdom' },
  { iso_3166_1: 'CA', name: 'Canada' },
  { iso_3166_1: 'AU', name: 'Australia' },
  { iso_3166_1: 'NZ', name: 'New Zealand' },
  { iso_3166_1: 'MX', name: 'Mexico' },
];

/** OMDb spells some countries differently from TMDB ("United States", older data "USA"). */
export const OMDB_COUNTRY_NAMES: Record<string, string> = {
  US: 'United States',
  GB: 'United Kingdom',
  KR: 'South Korea',
};

export const COMPANY_WORDS = [
  'Silver', 'Lantern', 'Northlight', 'Red Fox', 'Harbor', 'Blue Mesa', 'Paper Crane', 'Iron Gate',
  'Juniper', 'Meridian', 'Oak & Ash', 'Polar', 'Sable', 'Wildcard', 'Crescent', 'Granite',
];
export const COMPANY_SUFFIXES = ['Pictures', 'Films', 'Studios', 'Entertainment', 'Productions', 'Media'];

export const FIRST_NAMES = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'Sofia', 'Lucas', 'Emma', 'Noah', 'Chloé', 'Zoë', 'José', 'Renée', 'Björn', 'Søren', 'Ana', 'Kenji',
  'Min-jun', 'Priya', 'Oluwaseun', 'Siobhán', 'François', 'Dmitri', 'Aiko', 'Mateo', 'Ingrid', 'Raúl',
];
export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Garcia', 'Miller', 'Davis', 'Martínez', 'Müller', 'Dubois',
  "O'Connor", 'Nakamura', 'Kim', 'Sharma', 'Rossi', 'Novák', 'Ødegaard', 'Van der Berg', 'MacLeod',
  'Okafor', 'Andersson', 'Fernández', 'Ivanov', 'Kowalski', 'Lefèvre', 'Zhang', 'Haddad', 'Silva',
];

export const TITLE_ADJECTIVES = [
  'Last', 'Silent', 'Broken', 'Hidden', 'Golden', 'Crimson', 'Lost', 'Eternal', 'Midnight', 'Savage',
  'Quiet', 'Burning', 'Frozen', 'Electric', 'Hollow', 'Wild', 'Distant', 'Secret', 'Restless', 'Little',
  'Endless', 'Dark', 'Bright', 'Fallen', 'Velvet', 'Scarlet', 'Wandering', 'Final', 'Lonely', 'Iron',
  'Paper', 'Glass', 'Sleeping', 'Forgotten', 'Northern', 'Painted', 'Shattered', 'Sacred', 'Bitter', 'Blue',
];
export const TITLE_NOUNS = [
  'Horizon', 'River', 'Kingdom', 'Summer', 'Garden', 'Machine', 'Witness', 'Harbor', 'Empire', 'Letter',
  'Frontier', 'Echo', 'Shadow', 'Orchard', 'Station', 'Promise', 'Storm', 'Island', 'Highway', 'Mirror',
  'Dancer', 'Stranger', 'Winter', 'City', 'Signal', 'Voyage', 'Heist', 'Lighthouse', 'Comet', 'Ghost',
  'Bridge', 'Daughter', 'Crown', 'Circus', 'Tide', 'Valley', 'Engine', 'Archive', 'Canyon', 'Moon',
  'Prophet', 'Forest', 'Carnival', 'Soldier', 'Painter', 'Garden', 'Debt', 'Border', 'Sanctuary', 'Fever',
];
export const TITLE_PLACES = ['Paris', 'Tokyo', 'Brooklyn', 'Nowhere', 'the Desert', 'Mars', 'Lisbon', 'Texas', 'the North'];

/** Original titles for non-English movies (invented, in the language's own script). */
export const NATIVE_TITLES: Record<string, readonly string[]> = {
  fr: ['Le Dernier Été', 'La Rivière Secrète', "L'Étranger du Nord", 'Les Ombres de Lyon', 'Une Fenêtre sur la Mer'],
  es: ['El Último Verano', 'La Casa del Río', 'Mañana Será Otro Día', 'Los Niños del Puerto', 'Señales'],
  ja: ['最後の夏', '静かな川', '東京の影', '星の手紙', '風の駅'],
  ko: ['마지막 여름', '조용한 강', '서울의 그림자', '별의 편지', '바람의 역'],
  de: ['Der Letzte Sommer', 'Die Stille Straße', 'Schatten über München', 'Das Weiße Band der Zeit', 'Grüße aus Köln'],
  it: ['L\'Ultima Estate', 'Il Fiume Segreto', 'La Città Vuota', 'Notte a Napoli', 'Il Silenzio'],
  hi: ['आख़िरी गर्मी', 'शांत नदी', 'दिल्ली की छाया', 'सितारों का पत्र', 'हवा का स्टेशन'],
  zh: ['最后的夏天', '安静的河', '北京的影子', '星星的信', '风之站'],
  ru: ['Последнее лето', 'Тихая река', 'Тени Москвы', 'Письмо звёзд', 'Станция ветра'],
  sv: ['Den Sista Sommaren', 'Tysta Älven', 'Skuggor i Göteborg', 'Brev från Stjärnorna', 'Vindens Station'],
  pt: ['O Último Verão', 'O Rio Secreto', 'Sombras de Lisboa', 'Cartas das Estrelas', 'Estação do Vento'],
};

export const OVERVIEW_SENTENCES = [
  'A retired {role} is pulled back into one last job when an old friend disappears.',
  'Two estranged siblings must cross the country to fulfil their mother\'s final wish.',
  'In a small coastal town, a {role} uncovers a secret that could tear the community apart.',
  'When the power fails across the city, strangers trapped in a subway car learn who they really are.',
  'A young {role} with an impossible dream enters a competition nobody expects her to survive.',
  'Years after a tragic accident, a family reunites for a wedding that goes terribly wrong.',
  'An unlikely friendship between a {role} and a runaway changes both of their lives.',
  'Based on true events, this is the story of the people who refused to give up.',
  'Deep in the mountains, a rescue team races against a storm to find a missing child.',
  'A {role} discovers that every decision she makes rewrites the previous day.',
];
export const ROLES = ['detective', 'teacher', 'pilot', 'chef', 'journalist', 'musician', 'scientist', 'boxer', 'nurse', 'thief'];

export const TAGLINES = [
  'Some secrets never stay buried.',
  'One night. One chance.',
  'Home is where the heart breaks.',
  'The truth has a price.',
  '',
  'Every legend has a beginning.',
  'Nobody gets out alone.',
];

export const CERTIFICATIONS_US = ['G', 'PG', 'PG-13', 'R', 'NR'];
export const AWARDS = [
  'Won 3 Oscars. 112 wins & 201 nominations total',
  'Nominated for 1 Oscar. 8 wins & 22 nominations total',
  '2 wins & 5 nominations',
  '1 win',
  '4 nominations',
];
