import { useRef, type RefObject } from 'react';

/** A ref that holds the value of the last render: callbacks read it without depending on it. */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}
