import { cleanup } from '@testing-library/preact';
import { afterEach } from 'vitest';

// Testing Library cleans up by itself only with Vitest's globals, which this project leaves off.
afterEach(cleanup);
