import { defineArea } from './area';
import ar from './integrations.ar.json';
import en from './integrations.en.json';

export default defineArea(en, ar);
