/** Browser entry point: zod settings, global styles and the <jr-app> shell (imports run in this order). */
import './zod-config.js';
import './styles/global.css';
import './components/jr-app.js';
