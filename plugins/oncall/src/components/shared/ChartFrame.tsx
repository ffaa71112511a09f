import { ReactNode } from 'react';
import useMeasure from 'react-use/esm/useMeasure';

/** Measures its width and hands it to a chart; a fixed fallback width until measured. */
export function ChartFrame(props: {
  height: number;
  children: (size: { width: number; height: number }) => ReactNode;
}) {
  const [ref, { width }] = useMeasure<HTMLDivElement>();
  return (
    <div ref={ref} style={{ width: '100%', height: props.height }}>
      {props.children({ width: width > 0 ? width : 600, height: props.height })}
    </div>
  );
}
