pub struct Client;
pub struct ClientOptions;
