import { useRef } from 'react';

/** What the import reads (docs/data-formats.md); the picker offers these first. */
const ACCEPTED = '.csv,.tsv,.txt,.xlsx,.json,.ndjson,.jsonl,.parquet,.geojson';

/** The 导入数据 button: a file picker for one or more exports, handed to `onFiles`. */
export function ImportButton({
  label,
  onFiles,
  testId,
}: {
  label: string;
  onFiles(files: File[]): void;
  testId?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="primary" onClick={() => input.current?.click()}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid={testId}
        accept={ACCEPTED}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length) onFiles(files);
        }}
      />
    </>
  );
}
