/**
 * For cross-field rules that must run as soon as the fields they read are valid, whatever the state
 * of the others (Zod's `when`): true when no issue touches these fields. An issue on a parent (a
 * missing `elder`) or on the whole input (not an object) touches every field under it.
 */
export function validFields(issues: readonly { path?: readonly PropertyKey[] | undefined }[], fields: readonly (readonly string[])[]): boolean {
  return !issues.some((issue) => fields.some((field) => field.every((part, i) => i >= (issue.path?.length ?? 0) || issue.path?.[i] === part)));
}
