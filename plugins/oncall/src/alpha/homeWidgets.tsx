import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';

/** "My on-call" home page widget. @alpha */
export const homePageMyOnCallWidget = HomePageWidgetBlueprint.make({
  name: 'my-on-call',
  params: {
    name: 'MyOnCall',
    title: 'My on-call',
    description: 'Whether you are on call now, and your next shifts',
    layout: {
      height: { minRows: 3, defaultRows: 4 },
      width: { minColumns: 4, defaultColumns: 6 },
    },
    components: () =>
      import('../components/MyOnCallCard').then(m => ({
        Content: m.MyOnCallContent,
      })),
  },
});
