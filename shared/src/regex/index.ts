export { compileRegex, type CompiledRegex } from './program.js';
export { RegexSyntaxError } from './parse.js';
