import { defineArea } from './area';
import ar from './dashboard.ar.json';
import en from './dashboard.en.json';

export default defineArea(en, ar);
