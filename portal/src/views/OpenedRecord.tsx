// A decrypted record in the page, as a person reads it (the data plane's
// renderResource), with the resource itself below. Nothing of it leaves
// the page.
import { useEffect, useState } from 'react';
import type { RecordContent } from '@health-suite/dataplane';
import { dataPlane } from '../suite/dataPlane';

/** A decrypted record as a person reads it, with the resource itself below. */
export function OpenedRecord({ content, testId }: { content: RecordContent; testId: string }) {
  const [text, setText] = useState<string>();
  useEffect(() => {
    let live = true;
    if (content.kind === 'fhir') void dataPlane().then((lib) => { if (live) setText(lib.renderResource(content.resource)); });
    return () => { live = false; };
  }, [content]);
  if (content.kind === 'file') {
    return <div className="record" data-testid={testId}>{content.name} ({content.mediaType}, {content.data.length} bytes)</div>;
  }
  return (
    <div className="record" data-testid={testId}>
      <p data-testid={`${testId}-text`}>{text}</p>
      <details><summary>The resource ({content.fields.length} fields)</summary>
        <pre>{JSON.stringify(content.resource, null, 2)}</pre></details>
    </div>
  );
}
