import { defineArea } from './area';
import ar from './hall.ar.json';
import en from './hall.en.json';

export default defineArea(en, ar);
