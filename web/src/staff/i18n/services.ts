import { defineArea } from './area';
import ar from './services.ar.json';
import en from './services.en.json';

export default defineArea(en, ar);
