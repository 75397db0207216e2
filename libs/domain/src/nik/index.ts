export type { RegionCatalog } from './region-catalog';
export {
  validateNik,
  isLeapYear,
  daysInMonth,
  isRealDate,
  nikBirthYear,
  NIK_MESSAGES,
  type NikValidation,
  type NikError,
  type NikErrorCode,
  type CalendarDate,
} from './nik';
export { validateKk, KK_MESSAGES, type KkValidation, type KkError, type KkErrorCode } from './kk';
