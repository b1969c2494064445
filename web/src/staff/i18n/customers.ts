import { defineArea } from './area';
import ar from './customers.ar.json';
import en from './customers.en.json';

export default defineArea(en, ar);
