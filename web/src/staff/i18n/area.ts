/** One area's texts. English defines the keys; Arabic must have every one, or this call fails the type check. */
export function defineArea<T>(en: T, ar: NoInfer<T>): { en: T; ar: T } {
  return { en, ar };
}
