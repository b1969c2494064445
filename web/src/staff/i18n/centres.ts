import { defineArea } from './area';
import ar from './centres.ar.json';
import en from './centres.en.json';

export default defineArea(en, ar);
