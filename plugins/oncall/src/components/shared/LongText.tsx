import {
  truncate,
  MAX_DISPLAY_LENGTH,
  MAX_TOOLTIP_LENGTH,
} from '../../lib/text';

/**
 * Vendor-supplied or annotation text of any length: shown cut to `max` characters with an
 * ellipsis, the longer original (up to a cap) in the tooltip, and long unbroken tokens wrapped.
 */
export function LongText(props: { value: string; max?: number }) {
  const max = props.max ?? MAX_DISPLAY_LENGTH;
  const shown = truncate(props.value, max);
  return (
    <span
      title={
        shown === props.value
          ? undefined
          : truncate(props.value, MAX_TOOLTIP_LENGTH)
      }
      style={{ overflowWrap: 'anywhere', wordBreak: 'break-word' }}
    >
      {shown}
    </span>
  );
}
