/**
 * Masks a person's name for public answers: each word keeps its first and last
 * letter with at least three stars between, e.g. "BUDI SANTOSO" -> "B***I S*****O",
 * so a short name does not give its length away. One-letter words stay, two-letter
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
  return letters[0] + '*'.repeat(Math.max(3, letters.length - 2)) + letters[letters.length - 1];
}
