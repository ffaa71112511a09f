import { Content, Header, Page } from '@backstage/core-components';
import { CoverageContent } from './CoverageContent';

/** The coverage page with its own header, for apps on the legacy frontend system. */
export function CoveragePage() {
  return (
    <Page themeId="tool">
      <Header
        title="On-call coverage"
        subtitle="Every team and service: which on-call tool serves it, and what is missing"
      />
      <Content>
        <CoverageContent />
      </Content>
    </Page>
  );
}
