export { Rng } from "./rng";
