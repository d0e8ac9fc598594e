/**
 * The type names of an event union, as a list the compiler checks is complete: an event added to
 * the union but not to its list is a type error, so no projection silently misses it.
 */
export function allTypesOf<Type extends string>() {
  return <const List extends readonly Type[]>(
    list: List &
      ([Exclude<Type, List[number]>] extends [never] ? unknown : { missing: Exclude<Type, List[number]> }),
  ): readonly Type[] => list;
}
