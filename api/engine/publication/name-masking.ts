/**
 * How a name is shown on a public notice (公示, 公布): masked, as the locality's setting says
 * (docs/decisions/045). `surname-star` keeps the surname and hides the given name (张三 → 张*);
 * `given-star` hides the surname and keeps the given name (张三 → *三). The hidden part is always
 * one star, whatever its length: the stars must not tell how long the name is. Pure: no I/O.
 */
export const NAME_MASKINGS = ['surname-star', 'given-star'] as const;
export type NameMasking = (typeof NAME_MASKINGS)[number];
export const DEFAULT_NAME_MASKING: NameMasking = 'surname-star';

/**
 * Two-character surnames (复姓) in use today: with a name of three characters or more that starts
 * with one, the surname is both characters (欧阳娜娜 → 欧阳*). A two-character name is always a
 * one-character surname and a one-character given name (欧阳 is 欧 and 阳).
 */
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '轩辕', '令狐', '钟离',
  '端木', '南宫', '西门', '独孤', '百里', '呼延', '万俟', '澹台', '公冶', '太史', '申屠', '闻人', '赫连', '濮阳', '淳于', '单于',
  '鲜于', '拓跋', '司空', '左丘', '东郭', '第五', '仲孙', '乐正', '巫马', '公西', '漆雕', '谷梁', '宰父', '梁丘', '闾丘', '亓官',
]);

/** The separators of a name in parts: the middle dots of transcribed names (阿依古丽·买买提) and spaces. */
const PART_SEPARATORS = /[\s·•・‧﹒.]+/u;

/**
 * A name of parts (a transcribed minority or foreign name, a Latin-script name) has no surname a
 * reader could tell apart: `surname-star` keeps its first character, `given-star` its last.
 */
function maskParts(parts: readonly string[], masking: NameMasking): string {
  const letters = [...parts.join('')];
  if (letters.length <= 1) return '*';
  return masking === 'surname-star' ? `${letters[0]}*` : `*${letters.at(-1)}`;
}

export function maskName(name: string, masking: NameMasking = DEFAULT_NAME_MASKING): string {
  const trimmed = name.normalize('NFKC').trim();
  const parts = trimmed.split(PART_SEPARATORS).filter((part) => part.length > 0);
  if (parts.length === 0) return '*';
  if (parts.length > 1 || /\p{Script=Latin}/u.test(trimmed)) return maskParts(parts, masking);
  const letters = [...trimmed];
  if (letters.length <= 1) return '*';
  const surnameLength = letters.length >= 3 && COMPOUND_SURNAMES.has(letters.slice(0, 2).join('')) ? 2 : 1;
  const surname = letters.slice(0, surnameLength).join('');
  const given = letters.slice(surnameLength).join('');
  return masking === 'surname-star' ? `${surname}*` : `*${given}`;
}
