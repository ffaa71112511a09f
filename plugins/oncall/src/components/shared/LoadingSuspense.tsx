import { ComponentType, ReactNode, Suspense } from 'react';
import { LoadingState } from './LoadingState';

/** A Suspense boundary for lazily loaded parts, showing a labelled progress indicator meanwhile. */
export function LoadingSuspense(props: { label: string; children: ReactNode }) {
  return (
    <Suspense fallback={<LoadingState label={props.label} />}>
      {props.children}
    </Suspense>
  );
}

/** `View` inside a {@link LoadingSuspense} labelled `label`, as a component of its own. */
export function withLoadingSuspense(label: string, View: ComponentType) {
  return function Suspended() {
    return (
      <LoadingSuspense label={label}>
        <View />
      </LoadingSuspense>
    );
  };
}
