// Loaded after first paint: LazyMotion renders `m` components without animation until these arrive,
// which keeps framer-motion's animation engine out of the first route's JavaScript.
export { domAnimation as default } from "framer-motion";
