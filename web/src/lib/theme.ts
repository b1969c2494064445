import { Anchor, type CSSVariablesResolver, createTheme, type MantineColorsTuple } from '@mantine/core';

// Bahrain red; shade 7 (the filled colour) keeps white text above 4.5:1 (WCAG 1.4.3).
const red: MantineColorsTuple = [
  '#ffebee',
  '#fcd5da',
  '#f4a8b2',
  '#ec7887',
  '#e54f63',
  '#e1364c',
  '#d92840',
  '#b71c32',
  '#a3152b',
  '#8e0a23',
];

// Noto Sans Arabic is self-hosted and covers Latin too, so both languages share one typeface.
const fontFamily =
  "'Noto Sans Arabic Variable', system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

export const theme = createTheme({
  colors: { red },
  primaryColor: 'red',
  primaryShade: 7,
  fontFamily,
  headings: { fontFamily, fontWeight: '700' },
  defaultRadius: 'md',
  components: {
    // Links are told apart from text by more than colour (WCAG 1.4.1), as on GOV.UK.
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
  },
});

/** Mantine's dimmed grey is 3.3:1 on white; a darker one keeps secondary text readable (WCAG 1.4.3). */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});
