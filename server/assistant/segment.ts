/**
 * Words of a text for the knowledge base's index and its queries: Chinese is segmented with
 * `Intl.Segmenter('zh', { granularity: 'word' })` (ICU's dictionary), other scripts by word
 * boundaries; English words are lower-cased and lightly stemmed ("pairing" → "pair"), and words
 * that carry no meaning ("how", "the", "怎么", "的") are dropped.
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

const STOP_WORDS = new Set([
  // English
  'a', 'an', 'the', 'is', 'are', 'was', 'be', 'to', 'of', 'and', 'or', 'in', 'on', 'at', 'for', 'with', 'my', 'me', 'i', 'it',
  'its', 'this', 'that', 'do', 'does', 'did', 'can', 'how', 'what', 'why', 'when', 'where', 'which', 'you', 'your', 'we', 'from',
  'so', 'if', 'but', 'not', 'have', 'has', 'there', 'any', 'some', 'should', 'would', 'could', 'will', 'just', 'get', 'got', 'im',
  'please', 'hi', 'hello', 'thanks', 'by', 'as', 'up', 'about', 'into', 'out', 'keep', 'way', 'need', 'want',
  // Chinese
  '的', '了', '吗', '呢', '啊', '吧', '我', '你', '是', '在', '怎么', '怎样', '如何', '什么', '为什么', '一下', '这个', '那个', '有',
  '和', '就', '都', '也', '要', '能', '可以', '请问', '请', '你好', '谢谢', '么', '个', '把', '被', '让', '会', '还', '没有', '不',
  '我的', '一个', '时候', '现在', '应该', '哪里', '哪', '想', '给',
]);

/**
 * Words customers use for what the articles call otherwise, mapped to one form on both sides
 * (index and question): the product family names and a few everyday synonyms.
 */
const SAME_AS: Record<string, string> = {
  'wi-fi': 'wifi', wlan: 'wifi', internet: 'wifi', earphone: 'earbud', headphone: 'earbud', bud: 'earbud', notebook: 'laptop',
  computer: 'laptop', pc: 'laptop', waterproof: 'water', wet: 'water', frozen: 'freez', freez: 'freez', stuck: 'freez',
  band: 'strap', refund: 'return', dead: 'dead', hot: 'heat', overheat: 'heat', shower: 'water', swimm: 'swim',
  电脑: '笔记本', 掉线: '断开', 断网: '断开', 没电: '电池', 续航: '电池', 耳塞: '耳塞', 死机: '死机', 卡死: '死机', 退款: '退货', 退钱: '退货',
  wifi: 'wifi', 苹果手机: 'iphone',
};

/** A light English stemmer: enough to meet "pairing", "paired" and "pairs" at "pair". */
function stem(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  for (const [suffix, min] of [['ies', 4], ['ing', 5], ['ed', 4], ['es', 4], ['s', 4]] as const) {
    if (word.endsWith(suffix) && word.length >= min + suffix.length - 1) {
      if (suffix === 'ies') return `${word.slice(0, -3)}y`;
      if (suffix === 's' && word.endsWith('ss')) return word;
      if (suffix === 'es' && !/(ch|sh|x|ss|z)es$/.test(word)) return word.slice(0, -1);
      const base = word.slice(0, -suffix.length);
      // "stopped" → "stop", "charging" → "charg" → both sides stem alike, which is all that matters.
      return /([b-df-hj-np-tv-z])\1$/.test(base) && !base.endsWith('ll') && !base.endsWith('ss') ? base.slice(0, -1) : base;
    }
  }
  return word;
}

const HAN = /\p{Script=Han}/u;
/** Characters that carry no meaning alone (particles, pronouns, question words). */
const STOP_CHARS = new Set([...'的了吗呢啊吧我你是在怎么样如何什这那个一下有和就都也要能可以请问谢会还没不么把被让给想哪里们它他她']);

/** Pairs of neighbouring characters in a run of Chinese: they meet where two segmentations disagree ("配对" vs "配|对"). */
function pairsOf(run: string, into: string[]): void {
  const chars = [...run];
  for (let i = 0; i + 1 < chars.length; i++) {
    const pair = `${chars[i]}${chars[i + 1]}`;
    into.push(SAME_AS[pair] ?? pair);
  }
}

/** The words of `text`, normalised for search (stop words dropped); Chinese also gives its character pairs. */
export function searchWords(text: string): string[] {
  const words: string[] = [];
  const pairs: string[] = [];
  let run = '';
  for (const part of segmenter.segment(text.normalize('NFKC').toLowerCase().replace(/\bwi-fi\b/g, 'wifi'))) {
    const word = part.segment.replace(/['’]/g, '').replace(/^wi-?fi$/, 'wifi');
    const han = HAN.test(word);
    const kept = part.isWordLike && word !== '' && !STOP_WORDS.has(word);
    // A run of Chinese between stop words and punctuation gives its pairs.
    if (han && kept) run += word;
    else if (run !== '') {
      pairsOf(run, pairs);
      run = '';
    }
    // A lone Han character says little; its pairs carry it.
    if (kept && !(han && [...word].length < 2)) {
      const stemmed = stem(word);
      words.push(SAME_AS[stemmed] ?? SAME_AS[word] ?? stemmed);
    }
  }
  pairsOf(run, pairs);
  return words.concat(pairs);
}

/** The Han characters and the non-Han words of `text` (stop words dropped): what a confidence in Chinese counts. */
export function confidenceUnits(text: string): string[] {
  const units: string[] = [];
  for (const word of searchWords(text)) {
    if (!HAN.test(word)) units.push(word);
  }
  for (const char of text.normalize('NFKC')) if (HAN.test(char) && !STOP_WORDS.has(char) && !STOP_CHARS.has(char)) units.push(char);
  return units;
}
