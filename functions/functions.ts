/**
 * @customfunction
 * @param due Due date.
 * @returns Days past due.
 */
export function daysPastDue(due: number): number {
  return 45000 - due;
}
