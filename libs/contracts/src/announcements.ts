export interface CreateAnnouncementRequest {
  text: string;
}

/** A short message a supervisor broadcasts to everyone signed in to the console. */
export interface Announcement {
  id: string;
  text: string;
  authorId: string;
  authorName: string;
  createdAt: string;
}
