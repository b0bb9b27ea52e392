export { goIsPrint, goQuote, formatGoFloat, parseGoFloat } from './strconv.js';
export { writeGoJsonString, goJsonString, goJsonFloat, type GoJsonStringOptions } from './json.js';
