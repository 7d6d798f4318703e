import { createContext, useContext } from 'react';

/** Lets a file's report re-import that file with an edited mapping (field → header index). */
export interface RemapApi {
  canRemap(fileName: string): boolean;
  remap(fileName: string, mapping: Record<string, number>): void;
}

export const RemapContext = createContext<RemapApi | null>(null);

export function useRemap(): RemapApi | null {
  return useContext(RemapContext);
}
