import Box, { BoxProps } from '@material-ui/core/Box';

/**
 * A row of filters, figures or chips that wraps on narrow screens: centred items `gap`
 * pixels apart, with the usual space below. Other Box props (e.g. `aria-label`) pass through.
 */
export function WrapRow(props: Omit<BoxProps, 'style'> & { gap: number }) {
  const { gap, ...rest } = props;
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      style={{ gap }}
      mb={2}
      {...rest}
    />
  );
}
