/**
 * Masks a person's name for public answers: each word keeps its first and last
 * letter, e.g. "BUDI SANTOSO" -> "B***I S*****O". One-letter words stay, two-letter
 * words keep the first letter only.
 */
export function maskName(fullName: string): string {
  return fullName
    .trim()
    .split(/\s+/u)
    .filter((word) => word.length > 0)
    .map(maskWord)
    .join(' ');
}

function maskWord(word: string): string {
  const letters = [...word.toUpperCase()];
  if (letters.length <= 1) return letters.join('');
  if (letters.length === 2) return `${letters[0]}*`;
  return letters[0] + '*'.repeat(letters.length - 2) + letters[letters.length - 1];
}
