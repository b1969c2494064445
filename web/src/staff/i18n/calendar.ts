import { defineArea } from './area';
import ar from './calendar.ar.json';
import en from './calendar.en.json';

export default defineArea(en, ar);
