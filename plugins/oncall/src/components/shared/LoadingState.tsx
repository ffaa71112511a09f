import { Progress } from '@backstage/core-components';

/** Loading indicator with an accessible label. */
export function LoadingState(props: { label: string }) {
  return (
    <div role="progressbar" aria-label={props.label} aria-busy="true">
      <Progress />
    </div>
  );
}
