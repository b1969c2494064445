import { defineArea } from './area';
import ar from './shell.ar.json';
import en from './shell.en.json';

export default defineArea(en, ar);
