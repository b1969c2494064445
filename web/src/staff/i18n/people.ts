import { defineArea } from './area';
import ar from './people.ar.json';
import en from './people.en.json';

export default defineArea(en, ar);
