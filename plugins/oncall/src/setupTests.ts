import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The views load lazily (tables, charts); on a busy machine the first render of a tab can take
// longer than Testing Library's default one second, which would fail `findBy…` spuriously.
configure({ asyncUtilTimeout: 10_000 });
