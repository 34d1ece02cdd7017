/** Browser entry point: global styles and the <jr-app> shell. */
import './styles/global.css';
import './components/jr-app.js';
