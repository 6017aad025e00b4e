/** "Log operand dtypes here": a debug line with each operand's dtype and shape before a conv/linear/matmul call. */
export { logDtypesFix } from './logDtypes';
